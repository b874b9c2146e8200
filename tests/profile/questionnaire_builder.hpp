// Builds a Questionnaire by hand, as the reader would, so binder tests do not depend on the reader.
#pragma once

#include <string>

#include "eusurvey/model.hpp"

namespace surveycheck::testing {

class QuestionnaireBuilder {
public:
    // A Section element; the questions added after it belong to it.
    QuestionnaireBuilder& section(const std::string& uid, const std::string& bid,
                                  const std::string& raw_title) {
        const std::size_t index = add(eusurvey::ElementKind::section, "Section", uid, bid, raw_title);
        questionnaire_.sections.push_back(index);
        return *this;
    }

    // A question head element (`Question`, or `name` such as MatrixTitle) in the current section.
    QuestionnaireBuilder& question(const std::string& uid, const std::string& bid,
                                   const std::string& raw_title, const std::string& name = "Question") {
        const auto kind = name == "Question"      ? eusurvey::ElementKind::question
                          : name == "MatrixTitle" ? eusurvey::ElementKind::matrix
                                                  : eusurvey::ElementKind::table;
        eusurvey::ExportQuestion question;
        question.element = add(kind, name, uid, bid, raw_title);
        question.section =
            questionnaire_.sections.empty() ? eusurvey::npos : questionnaire_.sections.size() - 1;
        questionnaire_.question_by_element[uid] = questionnaire_.questions.size();
        questionnaire_.questions.push_back(question);
        return *this;
    }

    // A static text: an element, but not a question.
    QuestionnaireBuilder& text(const std::string& uid, const std::string& bid, const std::string& raw_title) {
        add(eusurvey::ElementKind::text, "Text", uid, bid, raw_title);
        return *this;
    }

    // The block's language (Elements/@lang).
    QuestionnaireBuilder& lang(const std::string& code) {
        questionnaire_.lang = code;
        return *this;
    }

    const eusurvey::Questionnaire& get() const { return questionnaire_; }

private:
    eusurvey::Questionnaire questionnaire_;

    std::size_t add(eusurvey::ElementKind kind, const std::string& name, const std::string& uid,
                    const std::string& bid, const std::string& raw_title) {
        eusurvey::Element element;
        element.kind = kind;
        element.name = name;
        element.uid = uid;
        element.bid = bid;
        element.raw_title = raw_title;
        element.title = raw_title;  // the binder must cope with HTML left in either title
        element.position = {static_cast<std::uint32_t>(questionnaire_.elements.size() + 3), 7};
        const std::size_t index = questionnaire_.elements.size();
        questionnaire_.element_by_uid[uid] = index;
        questionnaire_.elements.push_back(element);
        return index;
    }
};

}  // namespace surveycheck::testing
