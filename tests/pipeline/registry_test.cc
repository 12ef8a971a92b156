#define BOOST_TEST_MODULE registry
#include <boost/test/unit_test.hpp>

#include "pipeline/registry.h"
#include "tests/test_util.h"

using namespace hustings;

// A snapshot of the stage list: a change to it must be deliberate.
BOOST_AUTO_TEST_CASE(registered_stages_in_order) {
  const std::vector<std::string> expected = {"normalize", "segment", "parties", "people", "dates",
                                             "places",    "events",  "quotes",  "facts"};
  BOOST_TEST(registered_stage_names() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(standard_pipeline_builds) {
  const Pipeline pipeline = Pipeline::standard(RuleLocator::builtin());
  BOOST_TEST(pipeline.stages().size() == registered_stage_names().size());
}

namespace {
// A stage that needs sentences, for the chain check.
struct NeedsSentences : Stage {
  std::string_view name() const override { return "people"; }
  std::vector<Layer> needs() const override { return {Layer::sentences}; }
  std::vector<Layer> adds() const override { return {Layer::people}; }
  void run(Document&) const override {}
};
}  // namespace

BOOST_AUTO_TEST_CASE(chain_check_names_the_stage_and_the_missing_layer) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(make_stage("normalize", RuleLocator::builtin()));
  stages.push_back(std::make_unique<NeedsSentences>());
  try {
    Pipeline pipeline(std::move(stages));
    BOOST_FAIL("a pipeline without segment was built");
  } catch (const ChainError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("'people'") != std::string::npos);
    BOOST_TEST(message.find("'sentences'") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(chain_with_segment_is_accepted) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(make_stage("normalize", RuleLocator::builtin()));
  stages.push_back(make_stage("segment", RuleLocator::builtin()));
  stages.push_back(std::make_unique<NeedsSentences>());
  BOOST_CHECK_NO_THROW(Pipeline pipeline(std::move(stages)));
}

BOOST_AUTO_TEST_CASE(unknown_stage_is_rejected) {
  BOOST_CHECK_THROW(make_stage("nope", RuleLocator::builtin()), std::invalid_argument);
}
