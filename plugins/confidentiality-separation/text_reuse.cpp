#include "text_reuse.hpp"

#include <algorithm>
#include <array>
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

namespace {

// Text without markup or entities is its own plain text: html_to_text would only copy it.
std::string_view plain_text(std::string_view text, std::string& converted) {
    if (text.find('<') == std::string_view::npos && text.find('&') == std::string_view::npos) return text;
    converted = surveycheck::rulekit::html_to_text(text);
    return converted;
}

// What each ASCII byte is in a word: its lower-case form for letters and digits, 0 for a separator.
constexpr std::array<char, 128> ascii_word_bytes = [] {
    std::array<char, 128> bytes{};
    for (char c = 'a'; c <= 'z'; ++c) bytes[static_cast<unsigned char>(c)] = c;
    for (char c = '0'; c <= '9'; ++c) bytes[static_cast<unsigned char>(c)] = c;
    for (char c = 'A'; c <= 'Z'; ++c) bytes[static_cast<unsigned char>(c)] = static_cast<char>(c - 'A' + 'a');
    return bytes;
}();

// Reads `plain` as words: `add(byte, at)` for each byte of a word's normalised form (lower case), `at` being
// where its character starts in `plain`; `finish(at)` where a word ends (also between separators), which
// returns false to stop reading.
template <typename Add, typename Finish>
void scan_words(std::string_view plain, Add&& add, Finish&& finish) {
    std::size_t i = 0;
    while (i < plain.size()) {
        const char c = plain[i];
        if (static_cast<unsigned char>(c) < 0x80) {
            const char word_byte = ascii_word_bytes[static_cast<unsigned char>(c)];
            if (word_byte != 0) {
                add(word_byte, i);
            } else if (!finish(i)) {
                return;
            }
            ++i;
            continue;
        }
        std::size_t length = 1;
        const std::uint32_t cp = decode_utf8(plain, i, length);
        if (is_punctuation(cp)) {
            if (!finish(i)) return;
        } else if (cp >= 0xC0 && cp <= 0xDE && length == 2) {
            // Latin-1 capitals (À..Þ) lower-case by +0x20, which keeps the lead byte 0xC3.
            add(plain[i], i);
            add(static_cast<char>(plain[i + 1] + 0x20), i);
        } else {
            for (std::size_t k = 0; k < length; ++k) add(plain[i + k], i);
        }
        i += length;
    }
    finish(plain.size());
}

// Calls `on_word(begin, end, hash)` for each word of `plain` in order: where it is in `plain` and the hash of
// its normalised form; it returns false to stop. Nothing is copied; normalise() gives the form when it is
// needed.
template <typename OnWord>
void for_each_word(std::string_view plain, OnWord&& on_word) {
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::uint64_t hash = fnv_offset;
    std::size_t begin = none;
    scan_words(
        plain,
        [&](char c, std::size_t at) {
            if (begin == none) begin = at;
            hash = (hash ^ static_cast<unsigned char>(c)) * fnv_prime;
        },
        [&](std::size_t at) {
            if (begin == none) return true;
            const bool go_on = on_word(begin, at, hash);
            begin = none;
            hash = fnv_offset;
            return go_on;
        });
}

// The normalised form of the word `span` (a word for_each_word found), in `out`.
std::string_view normalise(std::string_view span, std::string& out) {
    out.clear();
    scan_words(
        span, [&](char c, std::size_t) { out += c; }, [](std::size_t) { return true; });
    return out;
}

}  // namespace

Words normalised_words(std::string_view text) {
    std::string converted;
    const std::string_view plain = plain_text(text, converted);
    Words words;
    std::string scratch;
    for_each_word(plain, [&](std::size_t begin, std::size_t end, std::uint64_t hash) {
        words.chars_ += normalise(plain.substr(begin, end - begin), scratch);
        words.ends_.push_back(static_cast<std::uint32_t>(words.chars_.size()));
        words.hashes_.push_back(hash);
        return true;
    });
    return words;
}

bool ShingleIndex::add(std::size_t source, Words words) {
    if (n_ == 0 || words.size() < n_) return false;
    const auto text = static_cast<std::uint32_t>(texts_.size());
    const auto old_size = static_cast<std::ptrdiff_t>(shingles_.size());
    RollingHash rolling(n_);
    for (std::size_t i = 0; i < words.size(); ++i) {
        rolling.push(words.hash(i), i >= n_ ? words.hash(i - n_) : 0, i >= n_);
        if (i + 1 < n_) continue;
        shingles_.push_back({rolling.value(), text, static_cast<std::uint32_t>(i + 1 - n_)});
        filter_.set(rolling.value() % filter_.size());
    }
    texts_.push_back(std::move(words));
    text_sources_.push_back(static_cast<std::uint32_t>(source));
    source_count_ = std::max(source_count_, source + 1);
    const auto by_hash = [](const Shingle& a, const Shingle& b) { return a.hash < b.hash; };
    std::sort(shingles_.begin() + old_size, shingles_.end(), by_hash);
    std::inplace_merge(shingles_.begin(), shingles_.begin() + old_size, shingles_.end(), by_hash);
    return true;
}

bool ShingleIndex::same_words(const Shingle& shingle, std::string_view plain, std::vector<WordSpan>& window,
                              std::size_t oldest, std::size_t from) const {
    const Words& text = texts_[shingle.text];
    for (std::size_t k = from; k < n_; ++k) {
        WordSpan& span = window[(oldest + k) % n_];
        if (!span.normalised) {
            normalise(plain.substr(span.begin, span.end - span.begin), span.normal);
            span.normalised = true;
        }
        if (text.word(shingle.first + k) != span.normal) return false;
    }
    return true;
}

std::vector<ReusedPassage> ShingleIndex::longest_reused_passages(std::string_view text) const {
    return reused_passages(text, false);
}

bool ShingleIndex::shares_a_passage(std::string_view text) const {
    const std::vector<ReusedPassage> found = reused_passages(text, true);
    return std::any_of(found.begin(), found.end(),
                       [](const ReusedPassage& passage) { return passage.words > 0; });
}

std::vector<ReusedPassage> ShingleIndex::reused_passages(std::string_view text, bool first_only) const {
    std::vector<ReusedPassage> found(source_count_);
    if (n_ == 0 || shingles_.empty()) return found;
    std::string converted;
    const std::string_view plain = plain_text(text, converted);
    // Only where the last n words are is held, and a word is normalised (once) only to confirm a hash that
    // matched.
    std::vector<WordSpan> window(n_);
    // Per source, the consecutive shingles of the text found in it, ending at shingle last_hit (1-based, so 0
    // is "none"): a miss needs no reset, the next hit sees it did not follow the one before.
    std::vector<std::size_t> run(source_count_, 0);
    std::vector<std::size_t> last_hit(source_count_, 0);
    // Per source, where its current run and its longest passage start and end in `plain`.
    // Not needed (nor allocated) when only the first shared shingle is asked for.
    std::vector<std::size_t> run_begin(first_only ? 0 : source_count_, 0);
    std::vector<std::pair<std::size_t, std::size_t>> longest(first_only ? 0 : source_count_, {0, 0});
    // The last shingle whose words were compared and found the same.
    struct {
        std::uint32_t text = static_cast<std::uint32_t>(-1);
        std::uint32_t first = 0;
        std::size_t shingle = 0;
    } confirmed;
    std::size_t count = 0;
    RollingHash rolling(n_);
    for_each_word(plain, [&](std::size_t begin, std::size_t end, std::uint64_t hash) {
        const std::size_t slot = count % n_;
        rolling.push(hash, window[slot].hash, count >= n_);
        WordSpan& entering = window[slot];
        entering.begin = begin;
        entering.end = end;
        entering.hash = hash;
        entering.normalised = false;
        ++count;
        if (count < n_) return true;
        const std::uint64_t value = rolling.value();
        if (!filter_.test(value % filter_.size())) return true;
        const std::size_t shingle = count - n_ + 1;
        auto it = std::lower_bound(shingles_.begin(), shingles_.end(), value,
                                   [](const Shingle& s, std::uint64_t h) { return s.hash < h; });
        for (; it != shingles_.end() && it->hash == value; ++it) {
            const std::uint32_t source = text_sources_[it->text];
            if (last_hit[source] == shingle) continue;  // already found in another of its texts
            // The window's oldest word is in the slot after the newest.
            // A shingle that follows the one just confirmed, in the same text, shares all but its last word.
            const bool follows = it->text == confirmed.text && it->first == confirmed.first + 1 &&
                                 shingle == confirmed.shingle + 1;
            if (!same_words(*it, plain, window, count % n_, follows ? n_ - 1 : 0)) continue;
            confirmed = {it->text, it->first, shingle};
            run[source] = last_hit[source] + 1 == shingle ? run[source] + 1 : 1;
            last_hit[source] = shingle;
            if (first_only) {
                found[source].words = n_;
                return false;
            }
            if (run[source] == 1) run_begin[source] = window[count % n_].begin;  // the window's oldest word
            if (run[source] + n_ - 1 > found[source].words) {
                found[source].words = run[source] + n_ - 1;
                longest[source] = {run_begin[source], end};
            }
        }
        return true;
    });
    for (std::size_t source = 0; source < source_count_; ++source) {
        if (first_only || found[source].words == 0) continue;
        const auto [begin, end] = longest[source];
        found[source].text.assign(plain.substr(begin, end - begin));
    }
    return found;
}

}  // namespace confidentiality
