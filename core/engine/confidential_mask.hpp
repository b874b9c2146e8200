// Finds the text of confidential answers inside other text: to mask it in every output meant for the public,
// and to prove that a public export holds none of it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace surveycheck::engine {

// What stands in a public output where confidential text was.
inline constexpr std::string_view masked_text = "[confidential]";

// The passages of a set of confidential texts, compared word by word (case and punctuation ignored).
class ConfidentialMask {
public:
    // Words in a row that make a passage: any run of this many words of a confidential text is masked.
    static constexpr std::size_t passage_words = 4;

    // Add one confidential text (an answer, a chosen option's label); HTML is reduced to text first.
    void add(std::string_view text);
    // True when no confidential text was added.
    bool empty() const { return empty_; }
    // `text` with every passage of a confidential text, every whole short confidential text and every quoted
    // piece of one replaced by masked_text.
    std::string mask(std::string_view text) const;
    // True when mask() would change `text`.
    bool reveals(std::string_view text) const;
    // True when `value` as a whole is a piece of a confidential text (e.g. one region of a confidential
    // list).
    bool is_piece(std::string_view value) const;

private:
    struct Word {
        std::size_t begin;
        std::size_t end;
        std::uint64_t hash;
    };
    template <typename Visit>
    static void for_each_word(std::string_view text, Visit visit);
    // Calls `emit(word, marked)` for each word of `text` in order, marked when it belongs to confidential
    // text: in one pass holding the last passage_words words, so a huge text costs no memory per word.
    template <typename Emit>
    void walk(std::string_view text, Emit emit) const;

    // Hashes in sorted runs of at least doubling sizes (merged as they fill): adding n hashes in any number
    // of calls costs O(n log n), and a lookup searches O(log n) runs.
    class HashSet {
    public:
        // Add `hashes`.
        void insert(std::vector<std::uint64_t>& hashes);
        // 1 when `hash` is in the set, else 0.
        std::size_t count(std::uint64_t hash) const;
        // True when nothing was added.
        bool empty() const { return runs_.empty(); }

    private:
        std::vector<std::vector<std::uint64_t>> runs_;  // each sorted, sizes strictly decreasing
    };

    bool empty_ = true;
    std::array<HashSet, passage_words + 1> pieces_;  // n-grams by length n
    std::array<HashSet, passage_words> whole_;       // short texts by word count
};

}  // namespace surveycheck::engine
