// Demonyms derived for the Reuters-21578 registry; each answer written by hand.
#include "indexer/reuters_registry.h"

#include <catch2/catch.hpp>

using namespace annosearch;

TEST_CASE("reuters registry: demonyms by English suffix rules", "[reuters-registry]") {
  CHECK(derived_demonym("Pakistan") == "Pakistani");
  CHECK(derived_demonym("Australia") == "Australian");
  CHECK(derived_demonym("Kenya") == "Kenyan");
  CHECK(derived_demonym("Mexico") == "Mexican");
  CHECK(derived_demonym("Italy") == "Italian");
  CHECK(derived_demonym("Ukraine") == "Ukrainian");
  CHECK(derived_demonym("Brazil") == "Brazilian");
  CHECK(derived_demonym("Egypt") == "Egyptian");
  CHECK(derived_demonym("Iran") == "Iranian");
  CHECK(derived_demonym("El Salvador").empty());  // several words: no rule
}
