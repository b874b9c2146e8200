#include "profile/binder.hpp"

#include <functional>
#include <string>
#include <unordered_map>

namespace surveycheck::profile {
namespace {

// One side of a binding: profile entries on the left, export elements (candidates) on the right.
struct Assignment {
    std::vector<std::size_t> of_entry;      // per entry: candidate index or npos
    std::vector<std::size_t> of_candidate;  // per candidate: entry index or npos
    std::vector<MatchedBy> how;             // per candidate
};

// True when `candidate` is the better of several equal titles for `entry` (e.g. in the right section).
using Prefer = std::function<bool(std::size_t entry, std::size_t candidate)>;

class Matcher {
public:
    Matcher(const std::vector<const Match*>& entries, const std::vector<const eusurvey::Element*>& candidates)
        : entries_(entries), candidates_(candidates) {
        result_.of_entry.assign(entries.size(), npos);
        result_.of_candidate.assign(candidates.size(), npos);
        result_.how.assign(candidates.size(), MatchedBy::none);
    }

    // Bid for every entry first, then uids, then titles, so a weaker criterion never takes an element
    // that a stronger one claims.
    Assignment run(const Prefer& prefer) {
        by_bid();
        by_uid();
        by_title(prefer);
        return std::move(result_);
    }

private:
    const std::vector<const Match*>& entries_;
    const std::vector<const eusurvey::Element*>& candidates_;
    Assignment result_;

    bool free(std::size_t entry, std::size_t candidate) const {
        return result_.of_entry[entry] == npos && result_.of_candidate[candidate] == npos;
    }

    void take(std::size_t entry, std::size_t candidate, MatchedBy how) {
        result_.of_entry[entry] = candidate;
        result_.of_candidate[candidate] = entry;
        result_.how[candidate] = how;
    }

    void by_bid() {
        std::unordered_multimap<std::string, std::size_t> index;
        for (std::size_t c = 0; c < candidates_.size(); ++c) {
            if (!candidates_[c]->bid.empty()) index.emplace(candidates_[c]->bid, c);
        }
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            if (entries_[e]->bid.empty()) continue;
            std::size_t best = npos;
            const auto [first, last] = index.equal_range(entries_[e]->bid);
            for (auto it = first; it != last; ++it) {
                if (free(e, it->second) && (best == npos || it->second < best)) best = it->second;
            }
            if (best != npos) take(e, best, MatchedBy::bid);
        }
    }

    void by_uid() {
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t c = 0; c < candidates_.size(); ++c) {
            if (!candidates_[c]->uid.empty()) index.emplace(candidates_[c]->uid, c);
        }
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            for (const std::string& uid : entries_[e]->uids) {
                const auto found = index.find(uid);
                if (found != index.end() && free(e, found->second)) {
                    take(e, found->second, MatchedBy::uid);
                    break;
                }
            }
        }
    }

    void by_title(const Prefer& prefer) {
        // Both the reader's plain title and the raw HTML one, normalised, identify a candidate.
        std::unordered_multimap<std::string, std::size_t> index;
        for (std::size_t c = 0; c < candidates_.size(); ++c) {
            const std::string plain = normalise_title(candidates_[c]->title);
            const std::string raw = normalise_title(candidates_[c]->raw_title);
            if (!plain.empty()) index.emplace(plain, c);
            if (!raw.empty() && raw != plain) index.emplace(raw, c);
        }
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            if (entries_[e]->title.empty() || result_.of_entry[e] != npos) continue;
            const auto [first, last] = index.equal_range(normalise_title(entries_[e]->title));
            std::size_t best = npos;
            bool best_preferred = false;
            for (auto it = first; it != last; ++it) {
                const std::size_t c = it->second;
                if (!free(e, c)) continue;
                const bool preferred = prefer(e, c);
                if (best == npos || (preferred && !best_preferred) ||
                    (preferred == best_preferred && c < best)) {
                    best = c;
                    best_preferred = preferred;
                }
            }
            if (best != npos) take(e, best, MatchedBy::title);
        }
    }
};

const eusurvey::Element* element_at(const eusurvey::Questionnaire& questionnaire, std::size_t index) {
    static const eusurvey::Element none;
    return index < questionnaire.elements.size() ? &questionnaire.elements[index] : &none;
}

}  // namespace

Binding bind(const Profile& profile, const eusurvey::Questionnaire& questionnaire) {
    Binding binding;

    std::vector<const Match*> section_entries;
    for (const Section& section : profile.sections) section_entries.push_back(&section.match);
    std::vector<const eusurvey::Element*> section_candidates;
    for (std::size_t element : questionnaire.sections) {
        section_candidates.push_back(element_at(questionnaire, element));
    }
    const Assignment sections =
        Matcher(section_entries, section_candidates).run([](std::size_t, std::size_t) { return false; });
    binding.section_profile = sections.of_candidate;

    // The profile section an export question sits in, through the section binding; npos when none.
    const auto profile_section_of = [&](std::size_t question) {
        const std::size_t section = questionnaire.questions[question].section;
        return section < binding.section_profile.size() ? binding.section_profile[section] : npos;
    };

    std::vector<const Match*> question_entries;
    for (const Question& question : profile.questions) question_entries.push_back(&question.match);
    std::vector<const eusurvey::Element*> question_candidates;
    for (const eusurvey::Question& question : questionnaire.questions) {
        question_candidates.push_back(element_at(questionnaire, question.element));
    }
    // Of equal titles ("Comments"), take the one in the export section bound to the profile question's
    // section.
    const Assignment questions =
        Matcher(question_entries, question_candidates).run([&](std::size_t entry, std::size_t candidate) {
            const std::size_t wanted = profile.questions[entry].section;
            if (wanted == npos) return questionnaire.questions[candidate].section == npos;
            return profile_section_of(candidate) == wanted;
        });
    binding.question_profile = questions.of_candidate;
    binding.question_matched_by = questions.how;

    const auto confidential = [&](std::size_t section) {
        return section < profile.sections.size() && profile.sections[section].confidential;
    };
    binding.question_confidential.assign(questionnaire.questions.size(), false);
    for (std::size_t q = 0; q < questionnaire.questions.size(); ++q) {
        const std::size_t entry = binding.question_profile[q];
        binding.question_confidential[q] = entry != npos ? confidential(profile.questions[entry].section)
                                                         : confidential(profile_section_of(q));
    }

    for (std::size_t s = 0; s < profile.sections.size(); ++s) {
        if (sections.of_entry[s] == npos) binding.missing_sections.push_back(s);
    }
    for (std::size_t q = 0; q < profile.questions.size(); ++q) {
        if (questions.of_entry[q] == npos) binding.missing_questions.push_back(q);
    }
    return binding;
}

}  // namespace surveycheck::profile
