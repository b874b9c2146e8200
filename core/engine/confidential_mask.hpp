// Finds the text of confidential answers inside other text: to mask it in every output meant for the public,
// and to prove that a public export holds none of it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
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
    // Per word of `text`, whether it belongs to confidential text.
    std::vector<char> marks(std::string_view text, std::vector<Word>& words) const;

    bool empty_ = true;
    std::array<std::unordered_set<std::uint64_t>, passage_words + 1> pieces_;  // n-grams by length n
    std::array<std::unordered_set<std::uint64_t>, passage_words> whole_;       // short texts by word count
};

}  // namespace surveycheck::engine
