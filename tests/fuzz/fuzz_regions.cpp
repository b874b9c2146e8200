// Fuzz target: any bytes as the answer to a region-list question; every entry must lie inside the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/regions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& entry : surveycheck::rulekit::split_regions(text)) {
        if (entry.offset > size || entry.length > size - entry.offset) std::abort();
        static_cast<void>(surveycheck::rulekit::is_nuts_syntax(entry.nuts_code));
    }
    return 0;
}
