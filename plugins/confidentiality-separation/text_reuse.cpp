#include "text_reuse.hpp"

#include <cstdint>

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

}  // namespace

std::vector<std::string> normalised_words(std::string_view text) {
    const std::string plain = surveycheck::rulekit::html_to_text(text);
    std::vector<std::string> words;
    std::string word;
    auto finish_word = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    std::size_t i = 0;
    while (i < plain.size()) {
        const char c = plain[i];
        if (static_cast<unsigned char>(c) < 0x80) {
            if (c >= 'A' && c <= 'Z')
                word += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                word += c;
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
            word += plain[i];
            word += static_cast<char>(plain[i + 1] + 0x20);
        } else {
            word.append(plain, i, length);
        }
        i += length;
    }
    finish_word();
    return words;
}

std::string ShingleIndex::shingle_at(const std::vector<std::string>& words, std::size_t first) const {
    std::string shingle;
    for (std::size_t k = first; k < first + n_; ++k) {
        shingle += words[k];
        shingle += ' ';
    }
    return shingle;
}

void ShingleIndex::add(const std::vector<std::string>& words) {
    if (n_ == 0 || words.size() < n_) return;
    for (std::size_t first = 0; first + n_ <= words.size(); ++first)
        shingles_.insert(shingle_at(words, first));
}

std::size_t ShingleIndex::longest_reused_passage(const std::vector<std::string>& words) const {
    if (n_ == 0 || words.size() < n_ || shingles_.empty()) return 0;
    std::size_t longest = 0;
    std::size_t run = 0;  // consecutive shingles of `words` found in the index
    for (std::size_t first = 0; first + n_ <= words.size(); ++first) {
        run = shingles_.count(shingle_at(words, first)) ? run + 1 : 0;
        if (run > 0 && run + n_ - 1 > longest) longest = run + n_ - 1;
    }
    return longest;
}

}  // namespace confidentiality
