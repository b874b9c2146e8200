#include "profile/binder.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "surveycheck/rulekit/text.hpp"

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

// Confidentiality and doubts of `questionnaire`, once its questions and sections are bound.
void settle(const Profile& profile, const eusurvey::Questionnaire& questionnaire, Binding& binding) {
    const std::size_t section_count = questionnaire.sections.size();
    // Per export section: the confidentiality of the region it opens and the profile section that region is
    // in. A marker the profile does not know (a sub-section) stays in the region of the marker before it.
    std::vector<std::size_t> region_section(section_count, npos);
    binding.section_confidential.assign(section_count, false);
    bool confidential = false;
    std::size_t region = npos;
    for (std::size_t s = 0; s < section_count; ++s) {
        const std::size_t entry = binding.section_profile[s];
        if (entry != npos) {
            confidential = profile.sections[entry].confidential;
            region = entry;
        }
        binding.section_confidential[s] = confidential;
        region_section[s] = region;
    }

    const std::size_t question_count = questionnaire.questions.size();
    binding.question_confidential.assign(question_count, false);
    binding.question_doubt.resize(question_count, Doubt::none);  // keeps what carry() found
    for (std::size_t q = 0; q < question_count; ++q) {
        const std::size_t section = questionnaire.questions[q].section;
        const bool in_confidential_region = section != npos && binding.section_confidential[section];
        const std::size_t entry = binding.question_profile[q];
        if (entry == npos) {
            binding.question_confidential[q] = in_confidential_region;
            if (binding.question_doubt[q] == Doubt::none) binding.question_doubt[q] = Doubt::unbound;
            continue;
        }
        const std::size_t wanted = profile.questions[entry].section;
        const bool entry_confidential = wanted != npos && profile.sections[wanted].confidential;
        binding.question_confidential[q] = entry_confidential || in_confidential_region;
        // A question under a marker the profile does not know is placed by the section-missing finding.
        const bool marker_bound = section == npos || binding.section_profile[section] != npos;
        const std::size_t placed = section == npos ? npos : region_section[section];
        if (marker_bound && placed != wanted) binding.question_doubt[q] = Doubt::moved;
    }
}

// Index of every Section element of `questionnaire` among its sections.
std::unordered_map<std::string, std::size_t> section_by_uid(const eusurvey::Questionnaire& questionnaire) {
    std::unordered_map<std::string, std::size_t> sections;
    for (std::size_t s = 0; s < questionnaire.sections.size(); ++s) {
        const std::string& uid = questionnaire.elements[questionnaire.sections[s]].uid;
        if (!uid.empty()) sections.emplace(uid, s);
    }
    return sections;
}

// `reference`'s binding carried by element uid onto `block`: same uid, same profile entry.
Binding carry(const Profile& profile, const eusurvey::Questionnaire& reference, const Binding& bound,
              const eusurvey::Questionnaire& block) {
    Binding binding;
    binding.question_profile.assign(block.questions.size(), npos);
    binding.question_matched_by.assign(block.questions.size(), MatchedBy::none);
    binding.question_doubt.assign(block.questions.size(), Doubt::none);
    for (std::size_t q = 0; q < block.questions.size(); ++q) {
        const std::string& uid = block.elements[block.questions[q].element].uid;
        const auto found =
            uid.empty() ? reference.question_by_element.end() : reference.question_by_element.find(uid);
        if (found == reference.question_by_element.end() ||
            reference.elements[reference.questions[found->second].element].uid != uid) {
            binding.question_doubt[q] = Doubt::not_in_block;
            continue;
        }
        binding.question_profile[q] = bound.question_profile[found->second];
        binding.question_matched_by[q] = bound.question_matched_by[found->second];
    }
    const auto reference_sections = section_by_uid(reference);
    binding.section_profile.assign(block.sections.size(), npos);
    for (std::size_t s = 0; s < block.sections.size(); ++s) {
        const auto found = reference_sections.find(block.elements[block.sections[s]].uid);
        if (found != reference_sections.end())
            binding.section_profile[s] = bound.section_profile[found->second];
    }
    binding.missing_questions = bound.missing_questions;
    binding.missing_sections = bound.missing_sections;
    settle(profile, block, binding);
    return binding;
}

std::size_t bound_count(const Binding& binding) {
    const auto bound = [](std::size_t entry) { return entry != npos; };
    return static_cast<std::size_t>(
        std::count_if(binding.question_profile.begin(), binding.question_profile.end(), bound) +
        std::count_if(binding.section_profile.begin(), binding.section_profile.end(), bound));
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
    for (const ProfileQuestion& question : profile.questions) question_entries.push_back(&question.match);
    std::vector<const eusurvey::Element*> question_candidates;
    for (const eusurvey::ExportQuestion& question : questionnaire.questions) {
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

    for (std::size_t s = 0; s < profile.sections.size(); ++s) {
        if (sections.of_entry[s] == npos) binding.missing_sections.push_back(s);
    }
    for (std::size_t q = 0; q < profile.questions.size(); ++q) {
        if (questions.of_entry[q] == npos) binding.missing_questions.push_back(q);
    }
    settle(profile, questionnaire, binding);
    return binding;
}

SurveyBinding bind_survey(const Profile& profile, const eusurvey::Survey& survey) {
    SurveyBinding result;
    const auto& blocks = survey.questionnaires;
    if (blocks.empty()) return result;
    // Match in every block, keep the best: most entries bound, then the profile's language, then the lower
    // language code, so the choice never depends on the order EUSurvey wrote the blocks in.
    std::vector<Binding> own(blocks.size());
    std::size_t best = npos;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        own[i] = bind(profile, blocks[i]);
        if (best == npos) {
            best = i;
            continue;
        }
        const std::size_t score = bound_count(own[i]);
        const std::size_t best_score = bound_count(own[best]);
        const bool own_language = rulekit::equals_ignoring_ascii_case(blocks[i].lang, profile.lang);
        const bool best_language = rulekit::equals_ignoring_ascii_case(blocks[best].lang, profile.lang);
        if (score != best_score             ? score > best_score
            : own_language != best_language ? own_language
                                            : blocks[i].lang < blocks[best].lang) {
            best = i;
        }
    }
    result.reference = best;
    result.questionnaires.resize(blocks.size());
    // Carry from the reference before it is moved into place.
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (i != best) result.questionnaires[i] = carry(profile, blocks[best], own[best], blocks[i]);
    }
    result.questionnaires[best] = std::move(own[best]);
    return result;
}

std::size_t questionnaire_for(const SurveyBinding& binding, const eusurvey::Survey& survey,
                              const eusurvey::AnswerSet& set) {
    const auto& blocks = survey.questionnaires;
    if (blocks.empty()) return npos;
    const std::string_view lang = set.attribute("lang");
    if (!lang.empty()) {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (blocks[i].lang == lang) return i;
        }
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (rulekit::equals_ignoring_ascii_case(blocks[i].lang, lang)) return i;
        }
    }
    // No language to go by: the block that defines the most of the uids answered, the reference on a tie.
    const std::size_t reference = binding.reference < blocks.size() ? binding.reference : 0;
    const auto defined = [&](std::size_t block) {
        std::size_t count = 0;
        for (const auto& answer : set.answers) {
            count += blocks[block].question_by_element.count(answer.qid);
        }
        return count;
    };
    std::size_t best = reference;
    std::size_t best_count = defined(reference);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (i == reference) continue;
        const std::size_t count = defined(i);
        if (count > best_count) {
            best = i;
            best_count = count;
        }
    }
    return best;
}

}  // namespace surveycheck::profile
