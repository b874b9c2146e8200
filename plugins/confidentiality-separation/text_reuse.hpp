// Passages of one text reused in another: word shingles over text normalised for case, punctuation and space.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace confidentiality {

// The words of a text, lower-cased, punctuation and white space dropped, each with a 64-bit hash.
class Words {
public:
    // Number of words.
    std::size_t size() const { return hashes_.size(); }
    // The `i`-th word.
    std::string_view word(std::size_t i) const;
    // Hash of the `i`-th word.
    std::uint64_t hash(std::size_t i) const { return hashes_[i]; }

private:
    friend Words normalised_words(std::string_view text);

    std::string chars_;                // the words, one after the other
    std::vector<std::uint32_t> ends_;  // end of each word in chars_
    std::vector<std::uint64_t> hashes_;
};

// The words of `text` (HTML reduced to text first).
Words normalised_words(std::string_view text);

// The longest passage of a text made of one source's shingles: its length in words (0: none) and the passage
// as it stands in the text (its plain form when the text is HTML), from its first word to its last.
struct ReusedPassage {
    std::size_t words = 0;
    std::string text;
};

// The runs of `n` consecutive words of some source texts, hashed, to find passages of them reused elsewhere.
// Sources are numbered from 0; one source may hold several texts.
class ShingleIndex {
public:
    explicit ShingleIndex(std::size_t n) : n_(n) {}
    // Add the shingles of one text of source `source`; false when the text has fewer than n words.
    bool add(std::size_t source, Words words);
    // True when no source text has `n` words.
    bool empty() const { return shingles_.empty(); }
    // For each source, the longest passage of `text` (HTML reduced to text first) made of its shingles.
    // Reads the text once, word by word, holding only the last n words, whatever the number of sources.
    std::vector<ReusedPassage> longest_reused_passages(std::string_view text) const;
    // True when `text` holds a shingle of some source: longest_reused_passages() that stops at the first.
    bool shares_a_passage(std::string_view text) const;

private:
    // longest_reused_passages(), or only up to the first shingle found when `first_only`.
    std::vector<ReusedPassage> reused_passages(std::string_view text, bool first_only) const;

    // A shingle of text `text` starting at word `first`, by its rolling hash.
    struct Shingle {
        std::uint64_t hash;
        std::uint32_t text;
        std::uint32_t first;
    };

    // Where a word is in the text read, the hash of its normalised form, and that form once it was needed.
    struct WordSpan {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::uint64_t hash = 0;
        bool normalised = false;
        std::string normal;
    };

    // True when shingle `shingle` has the n words of `plain` that `window` places, from slot `oldest` on,
    // wrapping round, comparing from its `from`-th word on (normalising those words not normalised yet).
    bool same_words(const Shingle& shingle, std::string_view plain, std::vector<WordSpan>& window,
                    std::size_t oldest, std::size_t from) const;

    std::size_t n_;
    std::size_t source_count_ = 0;
    std::vector<Words> texts_;
    std::vector<std::uint32_t> text_sources_;  // the source of each text
    std::vector<Shingle> shingles_;            // sorted by hash
    std::bitset<4096> filter_;                 // bit (hash mod 4096) of every shingle: most misses end here
};

}  // namespace confidentiality
