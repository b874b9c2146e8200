// The one way an operation that can fail says so, pugixml-style: ok, or what went wrong and where.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace surveycheck::util {

// A 1-based line and column in a text (0 when unknown, or when it concerns the whole input).
struct Position {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

// Ok, or what went wrong and where: `if (!result) … result.description …`; out-values stay out-parameters.
struct Result {
    std::string description;  // what went wrong, for a reader, without the file name; empty on success
    Position position;        // where it went wrong (0:0 when it concerns the whole input)

    // A failure: `description` at `position`.
    static Result failure(std::string description, Position position = {}) {
        Result result;
        result.description = std::move(description);
        result.position = position;
        result.ok_ = false;
        return result;
    }

    // True on success.
    explicit operator bool() const { return ok_; }

private:
    bool ok_ = true;
};

// "name:line:column: description" of a failure ("name: description" when it has no position), "name" on
// success: a failed result as users see it.
std::string describe(const Result& result, const std::string& name);

}  // namespace surveycheck::util
