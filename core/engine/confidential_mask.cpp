#include "engine/confidential_mask.hpp"

#include <algorithm>
#include <iterator>

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
    std::vector<std::uint64_t> run(hashes.begin(), hashes.end());
    std::sort(run.begin(), run.end());
    // Merge with the last runs while they are not larger: one merge per doubling, as in a binary counter.
    while (!runs_.empty() && runs_.back().size() <= run.size()) {
        std::vector<std::uint64_t> merged;
        merged.reserve(runs_.back().size() + run.size());
        std::merge(runs_.back().begin(), runs_.back().end(), run.begin(), run.end(),
                   std::back_inserter(merged));
        runs_.pop_back();
        run = std::move(merged);
    }
    run.erase(std::unique(run.begin(), run.end()), run.end());
    runs_.push_back(std::move(run));
}

std::size_t ConfidentialMask::HashSet::count(std::uint64_t hash) const {
    for (const auto& run : runs_) {
        if (std::binary_search(run.begin(), run.end(), hash)) return 1;
    }
    return 0;
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

namespace {

// The last words of a walk, by their index in the text.
template <typename Word, std::size_t size>
class WordRing {
public:
    const Word& operator[](std::size_t index) const { return words_[index % size]; }
    char& mark(std::size_t index) { return marks_[index % size]; }
    void put(std::size_t index, const Word& word) {
        words_[index % size] = word;
        marks_[index % size] = 0;
    }

private:
    std::array<Word, size> words_{};
    std::array<char, size> marks_{};
};

}  // namespace

template <typename Emit>
void ConfidentialMask::walk(std::string_view text, Emit emit) const {
    // A word is final once the word passage_words after it starts: no run or quote can mark it after that.
    WordRing<Word, passage_words> ring;
    std::size_t seen = 0;     // words read
    std::size_t emitted = 0;  // words handed to `emit`
    std::size_t quotes = 0;   // quote marks read; an odd count is inside a quote
    std::size_t quoted = 0;   // the first word after the last opening quote mark
    std::size_t scanned = 0;  // bytes scanned for quote marks
    const auto mark = [&](std::size_t first, std::size_t count) {
        for (std::size_t i = first; i < first + count; ++i) ring.mark(i) = 1;
    };
    // What a message quotes is masked when it is a piece of a confidential text, however short.
    const auto scan_quotes = [&](std::size_t limit) {
        while (scanned < limit) {
            const std::size_t length = quote_at(text, scanned);
            if (length > 0) {
                if (quotes % 2 == 0) {
                    quoted = seen;
                } else if (const std::size_t count = seen - quoted;
                           count > 0 && count <= passage_words && letters(ring, quoted, count) >= 2 &&
                           pieces_[count].count(run_hash(ring, quoted, count))) {
                    mark(quoted, count);
                }
                ++quotes;
            }
            scanned += std::max<std::size_t>(length, 1);
        }
    };
    for_each_word(text, [&](const Word& word) {
        scan_quotes(word.begin);
        if (seen >= passage_words) {
            emit(ring[emitted], ring.mark(emitted) != 0);
            ++emitted;
        }
        ring.put(seen++, word);
        for (std::size_t n = 1; n <= passage_words && n <= seen; ++n) {
            const auto& set = n == passage_words ? pieces_[n] : whole_[n];
            if (!set.empty() && set.count(run_hash(ring, seen - n, n))) mark(seen - n, n);
        }
    });
    scan_quotes(text.size());
    for (; emitted < seen; ++emitted) emit(ring[emitted], ring.mark(emitted) != 0);
}

std::string ConfidentialMask::mask(std::string_view text) const {
    if (empty_) return std::string(text);
    std::string out;
    std::size_t at = 0;
    bool in_run = false;
    walk(text, [&](const Word& word, bool marked) {
        if (!marked) {
            in_run = false;
            return;
        }
        if (!in_run) {
            out.append(text.substr(at, word.begin - at));
            out += masked_text;
            in_run = true;
        }
        at = word.end;
    });
    out.append(text.substr(at));
    return out;
}

bool ConfidentialMask::reveals(std::string_view text) const {
    if (empty_) return false;
    bool found = false;
    walk(text, [&](const Word&, bool marked) { found = found || marked; });
    return found;
}

bool ConfidentialMask::is_piece(std::string_view value) const {
    if (empty_) return false;
    WordRing<Word, passage_words> ring;
    std::size_t seen = 0;
    std::size_t total_letters = 0;
    bool found = false;
    for_each_word(value, [&](const Word& word) {
        ring.put(seen++, word);
        total_letters += word.end - word.begin;
        if (!found && seen >= passage_words)
            found = pieces_[passage_words].count(run_hash(ring, seen - passage_words, passage_words)) > 0;
    });
    if (seen == 0 || total_letters < 2) return false;
    if (seen < passage_words) return pieces_[seen].count(run_hash(ring, 0, seen)) > 0;
    return found;
}

}  // namespace surveycheck::engine
