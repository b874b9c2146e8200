// Passages of one text reused in another: word shingles over text normalised for case, punctuation and space.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace confidentiality {

// The words of `text` (HTML reduced to text first), lower-cased, punctuation and white space dropped.
std::vector<std::string> normalised_words(std::string_view text);

// The runs of `n` consecutive words of some source texts, to find passages of them reused elsewhere.
class ShingleIndex {
public:
    explicit ShingleIndex(std::size_t n) : n_(n) {}
    // Add the shingles of one source text.
    void add(const std::vector<std::string>& words);
    // True when no source text has `n` words.
    bool empty() const { return shingles_.empty(); }
    // Length in words of the longest passage of `words` made of source shingles; 0 when there is none.
    std::size_t longest_reused_passage(const std::vector<std::string>& words) const;

private:
    std::string shingle_at(const std::vector<std::string>& words, std::size_t first) const;

    std::size_t n_;
    std::unordered_set<std::string> shingles_;
};

}  // namespace confidentiality
