#include "engine/confidential_mask.hpp"

#include <algorithm>

#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::engine {
namespace {

constexpr std::uint64_t fnv_offset = 14695981039346656037ull;
constexpr std::uint64_t fnv_prime = 1099511628211ull;

// The length of the word character at `at` (ASCII letters and digits, and any non-ASCII character but the
// Latin-1 and general punctuation blocks: « » “ ” – … and no-break spaces separate words); 0 for a separator.
std::size_t word_char_at(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? 1 : 0;
    const auto next = at + 1 < text.size() ? static_cast<unsigned char>(text[at + 1]) : 0;
    if (c == 0xC2 && next >= 0x80 && next <= 0xBF) return 0;    // U+0080..U+00BF
    if (c == 0xE2 && (next == 0x80 || next == 0x81)) return 0;  // U+2000..U+207F
    if (c == 0xE3 && next == 0x80) return 0;                    // U+3000..U+303F
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return std::min(length, text.size() - at);
}

// The quote marks a message puts around what it quotes, at `at`: their length in bytes, 0 when none.
std::size_t quote_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead != '"' && lead != 0xC2 && lead != 0xE2) return 0;  // what every quote mark below starts with
    static constexpr std::string_view quotes[] = {"\"", "\u201C", "\u201D", "\u00AB", "\u00BB", "\u201E"};
    for (const std::string_view quote : quotes) {
        if (text.compare(at, quote.size(), quote) == 0) return quote.size();
    }
    return 0;
}

}  // namespace

template <typename Visit>
void ConfidentialMask::for_each_word(std::string_view text, Visit visit) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = word_char_at(text, i);
        if (length == 0) {
            const auto c = static_cast<unsigned char>(text[i]);
            i += c >= 0xE0 ? std::min<std::size_t>(3, text.size() - i) : c >= 0xC0 ? 2 : 1;
            continue;
        }
        const std::size_t begin = i;
        std::uint64_t hash = fnv_offset;
        for (; length > 0; length = i < text.size() ? word_char_at(text, i) : 0) {
            for (const std::size_t end = i + length; i < end; ++i) {
                char c = text[i];
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
                hash = (hash ^ static_cast<unsigned char>(c)) * fnv_prime;
            }
        }
        visit(Word{begin, i, hash});
    }
}

namespace {

// The hash of `count` words from `first` on, in their order.
template <typename WordList>
std::uint64_t run_hash(const WordList& words, std::size_t first, std::size_t count) {
    std::uint64_t hash = fnv_offset;
    for (std::size_t i = first; i < first + count; ++i) hash = (hash ^ words[i].hash) * fnv_prime + 1;
    return hash;
}

template <typename WordList>
std::size_t letters(const WordList& words, std::size_t first, std::size_t count) {
    std::size_t total = 0;
    for (std::size_t i = first; i < first + count; ++i) total += words[i].end - words[i].begin;
    return total;
}

}  // namespace

void ConfidentialMask::HashSet::insert(std::vector<std::uint64_t>& hashes) {
    if (hashes.empty()) return;
    std::sort(hashes.begin(), hashes.end());
    const auto middle = static_cast<std::ptrdiff_t>(values_.size());
    values_.insert(values_.end(), hashes.begin(), hashes.end());
    std::inplace_merge(values_.begin(), values_.begin() + middle, values_.end());
    values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
}

std::size_t ConfidentialMask::HashSet::count(std::uint64_t hash) const {
    return std::binary_search(values_.begin(), values_.end(), hash) ? 1 : 0;
}

void ConfidentialMask::add(std::string_view text) {
    const std::string plain = rulekit::html_to_text(text);
    std::vector<Word> words;
    for_each_word(plain, [&](const Word& word) { words.push_back(word); });
    if (words.empty()) return;
    empty_ = false;
    std::vector<std::uint64_t> hashes;
    hashes.reserve(words.size());
    for (std::size_t n = 1; n <= passage_words && n <= words.size(); ++n) {
        hashes.clear();
        for (std::size_t i = 0; i + n <= words.size(); ++i) hashes.push_back(run_hash(words, i, n));
        pieces_[n].insert(hashes);
    }
    // A short text is masked wherever it stands, unless it is too short to mean anything ("No", "5").
    if (words.size() < passage_words && letters(words, 0, words.size()) >= 4) {
        hashes.assign(1, run_hash(words, 0, words.size()));
        whole_[words.size()].insert(hashes);
    }
}

std::vector<char> ConfidentialMask::marks(std::string_view text, std::vector<Word>& words) const {
    for_each_word(text, [&](const Word& word) { words.push_back(word); });
    std::vector<char> marked(words.size(), 0);
    if (empty_) return marked;
    const auto mark = [&](std::size_t first, std::size_t count) {
        std::fill(marked.begin() + static_cast<std::ptrdiff_t>(first),
                  marked.begin() + static_cast<std::ptrdiff_t>(first + count), 1);
    };
    for (std::size_t n = 1; n <= passage_words; ++n) {
        const auto& set = n == passage_words ? pieces_[n] : whole_[n];
        if (set.empty()) continue;
        for (std::size_t i = 0; i + n <= words.size(); ++i) {
            if (set.count(run_hash(words, i, n))) mark(i, n);
        }
    }
    // What a message quotes is masked when it is a piece of a confidential text, however short.
    std::vector<std::size_t> quotes;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = quote_at(text, at);
        if (length > 0) quotes.push_back(at);
        at += std::max<std::size_t>(length, 1);
    }
    for (std::size_t q = 0; q + 1 < quotes.size(); q += 2) {
        const auto first = std::lower_bound(words.begin(), words.end(), quotes[q],
                                            [](const Word& word, std::size_t at) { return word.begin < at; });
        const auto last = std::lower_bound(first, words.end(), quotes[q + 1],
                                           [](const Word& word, std::size_t at) { return word.begin < at; });
        const auto begin = static_cast<std::size_t>(first - words.begin());
        const auto count = static_cast<std::size_t>(last - first);
        if (count > 0 && count <= passage_words && letters(words, begin, count) >= 2 &&
            pieces_[count].count(run_hash(words, begin, count))) {
            mark(begin, count);
        }
    }
    return marked;
}

std::string ConfidentialMask::mask(std::string_view text) const {
    if (empty_) return std::string(text);
    std::vector<Word> words;
    const std::vector<char> marked = marks(text, words);
    std::string out;
    std::size_t at = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!marked[i]) continue;
        std::size_t last = i;
        while (last + 1 < words.size() && marked[last + 1]) ++last;
        out.append(text.substr(at, words[i].begin - at));
        out += masked_text;
        at = words[last].end;
        i = last;
    }
    out.append(text.substr(at));
    return out;
}

bool ConfidentialMask::reveals(std::string_view text) const {
    if (empty_) return false;
    std::vector<Word> words;
    const std::vector<char> marked = marks(text, words);
    return std::find(marked.begin(), marked.end(), 1) != marked.end();
}

bool ConfidentialMask::is_piece(std::string_view value) const {
    if (empty_) return false;
    std::vector<Word> words;
    for_each_word(value, [&](const Word& word) { words.push_back(word); });
    if (words.empty() || letters(words, 0, words.size()) < 2) return false;
    if (words.size() <= passage_words)
        return pieces_[words.size()].count(run_hash(words, 0, words.size())) > 0;
    for (std::size_t i = 0; i + passage_words <= words.size(); ++i) {
        if (pieces_[passage_words].count(run_hash(words, i, passage_words))) return true;
    }
    return false;
}

}  // namespace surveycheck::engine
