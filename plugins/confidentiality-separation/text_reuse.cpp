#include "text_reuse.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "surveycheck/rulekit/text.hpp"

namespace confidentiality {

namespace {

// The code point of the UTF-8 sequence at `i` and its length in bytes (1 for a malformed byte).
std::uint32_t decode_utf8(std::string_view text, std::size_t i, std::size_t& length) {
    const auto lead = static_cast<unsigned char>(text[i]);
    length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (lead < 0xC0 || i + length > text.size()) {
        length = 1;
        return lead;
    }
    std::uint32_t cp = lead & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
            length = 1;
            return lead;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    return cp;
}

// Latin-1 punctuation and symbols, general punctuation (dashes, quotes, bullets), ideographic space.
bool is_punctuation(std::uint32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0xFEFF;
}

// FNV-1a over a word's bytes.
constexpr std::uint64_t fnv_offset = 14695981039346656037ull;
constexpr std::uint64_t fnv_prime = 1099511628211ull;

// The hash of the last `n` word hashes pushed (a polynomial in a large odd base, modulo 2^64).
class RollingHash {
public:
    explicit RollingHash(std::size_t n) {
        for (std::size_t k = 1; k < n; ++k) top_ *= base;
    }
    // Shift in `in`; when `drop`, `out` (pushed n words ago) leaves the window.
    void push(std::uint64_t in, std::uint64_t out, bool drop) {
        if (drop) value_ -= out * top_;
        value_ = value_ * base + in;
    }
    std::uint64_t value() const { return value_; }

private:
    static constexpr std::uint64_t base = 0x9E3779B97F4A7C15ull;
    std::uint64_t top_ = 1;  // base^(n-1)
    std::uint64_t value_ = 0;
};

}  // namespace

std::string_view Words::word(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(chars_).substr(begin, ends_[i] - begin);
}

bool Words::same_words(std::size_t first, const Words& other, std::size_t other_first, std::size_t n) const {
    const std::size_t begin = first == 0 ? 0 : ends_[first - 1];
    const std::size_t other_begin = other_first == 0 ? 0 : other.ends_[other_first - 1];
    for (std::size_t k = 0; k < n; ++k) {
        if (ends_[first + k] - begin != other.ends_[other_first + k] - other_begin) return false;
    }
    const std::size_t length = ends_[first + n - 1] - begin;
    return std::memcmp(chars_.data() + begin, other.chars_.data() + other_begin, length) == 0;
}

Words normalised_words(std::string_view text) {
    // Text without markup or entities is its own plain text: html_to_text would only copy it.
    std::string converted;
    std::string_view plain = text;
    if (text.find('<') != std::string_view::npos || text.find('&') != std::string_view::npos) {
        converted = surveycheck::rulekit::html_to_text(text);
        plain = converted;
    }
    Words words;
    // Normalising never lengthens the text, so the words are written in place, then cut to size.
    words.chars_.resize(plain.size());
    words.ends_.reserve(plain.size() / 6 + 1);
    words.hashes_.reserve(plain.size() / 6 + 1);
    char* const out = words.chars_.data();
    std::size_t size = 0;
    std::size_t word_begin = 0;
    std::uint64_t hash = fnv_offset;
    auto finish_word = [&] {
        if (size == word_begin) return;
        words.ends_.push_back(static_cast<std::uint32_t>(size));
        words.hashes_.push_back(hash);
        hash = fnv_offset;
        word_begin = size;
    };
    auto add = [&](char c) {
        out[size++] = c;
        hash = (hash ^ static_cast<unsigned char>(c)) * fnv_prime;
    };
    std::size_t i = 0;
    while (i < plain.size()) {
        const char c = plain[i];
        if (static_cast<unsigned char>(c) < 0x80) {
            if (c >= 'A' && c <= 'Z')
                add(static_cast<char>(c - 'A' + 'a'));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                add(c);
            else
                finish_word();
            ++i;
            continue;
        }
        std::size_t length = 1;
        const std::uint32_t cp = decode_utf8(plain, i, length);
        if (is_punctuation(cp)) {
            finish_word();
        } else if (cp >= 0xC0 && cp <= 0xDE && length == 2) {
            // Latin-1 capitals (À..Þ) lower-case by +0x20, which keeps the lead byte 0xC3.
            add(plain[i]);
            add(static_cast<char>(plain[i + 1] + 0x20));
        } else {
            for (std::size_t k = 0; k < length; ++k) add(plain[i + k]);
        }
        i += length;
    }
    finish_word();
    words.chars_.resize(size);
    return words;
}

void ShingleIndex::add(Words words) {
    if (n_ == 0 || words.size() < n_) return;
    const auto source = static_cast<std::uint32_t>(sources_.size());
    RollingHash rolling(n_);
    for (std::size_t i = 0; i < words.size(); ++i) {
        rolling.push(words.hash(i), i >= n_ ? words.hash(i - n_) : 0, i >= n_);
        if (i + 1 < n_) continue;
        shingles_.push_back({rolling.value(), source, static_cast<std::uint32_t>(i + 1 - n_)});
        filter_.set(rolling.value() % filter_.size());
    }
    sources_.push_back(std::move(words));
    std::sort(shingles_.begin(), shingles_.end(),
              [](const Shingle& a, const Shingle& b) { return a.hash < b.hash; });
}

bool ShingleIndex::contains(std::uint64_t hash, const Words& words, std::size_t first) const {
    if (!filter_.test(hash % filter_.size())) return false;
    auto it = std::lower_bound(shingles_.begin(), shingles_.end(), hash,
                               [](const Shingle& shingle, std::uint64_t h) { return shingle.hash < h; });
    for (; it != shingles_.end() && it->hash == hash; ++it) {
        if (sources_[it->source].same_words(it->first, words, first, n_)) return true;
    }
    return false;
}

std::size_t ShingleIndex::longest_reused_passage(const Words& words) const {
    if (n_ == 0 || words.size() < n_ || shingles_.empty()) return 0;
    std::size_t longest = 0;
    std::size_t run = 0;  // consecutive shingles of `words` found in the index
    RollingHash rolling(n_);
    for (std::size_t i = 0; i < words.size(); ++i) {
        rolling.push(words.hash(i), i >= n_ ? words.hash(i - n_) : 0, i >= n_);
        if (i + 1 < n_) continue;
        run = contains(rolling.value(), words, i + 1 - n_) ? run + 1 : 0;
        if (run > 0 && run + n_ - 1 > longest) longest = run + n_ - 1;
    }
    return longest;
}

}  // namespace confidentiality
