// Fuzz target: any bytes as a form profile, loaded and, when it loads, bound to a small questionnaire.
#include <cstdint>
#include <string>

#include "eusurvey/reader.hpp"
#include "profile/binder.hpp"
#include "profile/profile.hpp"

namespace {

using namespace surveycheck;

// A questionnaire with a section, a choice question and a matrix, for the binder to match against.
const eusurvey::Export& questionnaire_export() {
    static const eusurvey::Export doc = [] {
        eusurvey::Export read;
        static_cast<void>(eusurvey::read_export_buffer(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results><Survey id="1" uid="u" alias="fuzz"><Elements lang="EN">
<Section id="s-1" type="Section" bid="s_public">Public part</Section>
<Question id="q-1" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-1" type="Choice Answer" bid="h1">January - June 2020</Answer>
<MatrixTitle id="m-1" type="Matrix" bid="sdg">SDG</MatrixTitle>
<MatrixQuestion id="r-1" type="Single Choice Matrix Question" bid="sdg1">No poverty</MatrixQuestion>
<MatrixAnswer id="c-1" type="Matrix Answer">Yes</MatrixAnswer>
<MatrixCell qid="r-1" aid="c-1"></MatrixCell>
<Question id="q-2" type="Free Text" bid="summary">Summary</Question>
</Elements></Survey><Answers></Answers></Results>)",
                                                       "questionnaire.xml", read));
        return read;
    }();
    return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    profile::Profile loaded;
    if (profile::load_profile_buffer(std::string(reinterpret_cast<const char*>(data), size),
                                     "fuzz-profile.xml", loaded)) {
        const auto& doc = questionnaire_export();
        if (!doc.survey.questionnaires.empty()) {
            static_cast<void>(profile::bind(loaded, doc.survey.questionnaires.front()));
        }
    }
    return 0;
}
