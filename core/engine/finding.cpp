#include "engine/finding.hpp"

#include <cstdint>

#include "engine/rule_set.hpp"

namespace surveycheck::engine {

Finding make_finding(const RunRule& rule, std::string message, std::string hint, FindingPlace place,
                     std::string fingerprint) {
    Finding finding;
    finding.rule = rule.id;
    finding.severity = rule.severity;
    finding.message = std::move(message);
    finding.hint = std::move(hint);
    finding.docs_url = rule.docs_url;
    finding.file = std::move(place.file);
    finding.contribution = std::move(place.contribution);
    finding.position = place.position;
    finding.xpath = std::move(place.xpath);
    finding.fingerprint = std::move(fingerprint);
    return finding;
}

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::error:
        case Severity::rule_default:  // never kept: a reported one takes its rule's severity
            return "error";
    }
    return "error";
}

namespace {

// FNV-1a 64 over parts, each closed by a unit separator, as 16 hex digits.
template <typename Parts>
std::string fingerprint_over(const Parts& parts) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const auto& part : parts) {
        for (const unsigned char c : part) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
        hash ^= 0x1f;  // unit separator: ("ab","c") and ("a","bc") differ
        hash *= 1099511628211ull;
    }
    std::string hex(16, '0');
    for (int digit = 15; digit >= 0; --digit, hash >>= 4) hex[digit] = "0123456789abcdef"[hash & 0xF];
    return hex;
}

}  // namespace

std::string fingerprint_of(std::initializer_list<std::string_view> parts) { return fingerprint_over(parts); }

std::string fingerprint_of(const std::vector<std::string>& parts) { return fingerprint_over(parts); }

bool parse_severity(const std::string& text, Severity& out) {
    for (const Severity candidate : {Severity::info, Severity::warning, Severity::error}) {
        if (text == severity_name(candidate)) {
            out = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace surveycheck::engine
