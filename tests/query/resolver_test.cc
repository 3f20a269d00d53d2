// Actor and theme resolution: tiers, ambiguity, unknown inputs with candidates.
#include "query/resolver.h"

#include <catch2/catch.hpp>

#include "core/error.h"
#include "tests/query/test_index.h"

using annosearch::ActorResolver;
using annosearch::Error;
using annosearch::ErrorKind;
using annosearch::RegistryView;
using annosearch::Resolution;
using annosearch::ThemeResolver;

namespace {

std::string error_of(const ActorResolver& r, const std::string& input) {
  try {
    (void)r.resolve(input);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUsage);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("actor resolution tiers: id then name then alias", "[query][resolver]") {
  const RegistryView registry(
      annosearch::test::registry_database(annosearch::test::test_registry()));
  const ActorResolver r(registry);
  struct Case {
    std::string input, id, via;
  };
  const std::vector<Case> cases{
      {"emomali-rahmon", "emomali-rahmon", "id"},
      {"Emomali Rahmon", "emomali-rahmon", "name"},
      {"EMOMALI   rahmon ", "emomali-rahmon", "name"},
      {"Rahmon", "emomali-rahmon", "alias"},
      {"rakhmon", "emomali-rahmon", "alias"},
      {"Ｒａｋｈｍｏｎ", "emomali-rahmon", "alias"},  // full-width: NFKC folds it
      {"Путин", "vladimir-putin", "alias"},
      {"taliban", "taliban", "id"},
      {"Taliban", "taliban", "name"},
      // A primary name beats an alias: Dushanbe is the city, though Tajikistan has it as alias.
      {"Dushanbe", "dushanbe", "name"},
      {"Afghan people", "afghans", "alias"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const Resolution res = r.resolve(c.input);
    CHECK(res.input == c.input);
    CHECK(res.id == c.id);
    CHECK(res.via == c.via);
  }
}

TEST_CASE("an alias shared by two entities is ambiguous", "[query][resolver]") {
  const RegistryView registry(
      annosearch::test::registry_database(annosearch::test::test_registry()));
  const ActorResolver r(registry);
  CHECK(error_of(r, "Afghan") ==
        "\"Afghan\" is ambiguous: afghanistan (GPE, alias Afghan), afghans (NORP, alias Afghan); "
        "use an id");
  CHECK(error_of(r, "afghan") ==
        "\"afghan\" is ambiguous: afghanistan (GPE, alias Afghan), afghans (NORP, alias Afghan); "
        "use an id");
}

TEST_CASE("an unknown actor is an error listing close candidates", "[query][resolver]") {
  const RegistryView registry(
      annosearch::test::registry_database(annosearch::test::test_registry()));
  const ActorResolver r(registry);
  CHECK(error_of(r, "Rahmonov") ==
        "unknown actor \"Rahmonov\": no entity id, name, alias or transliteration matches; close: "
        "emomali-rahmon (PERSON, Emomali Rahmon); use one of these ids, or see `annosearch "
        "entities Rahmonov`");
  // Prefix matches come before substring matches.
  const auto afg = r.candidates("afgh");
  REQUIRE(afg.size() == 2);
  CHECK(afg[0]->id == "afghanistan");
  CHECK(afg[1]->id == "afghans");
  const auto putin = r.candidates("utin");
  REQUIRE(putin.size() == 1);
  CHECK(putin[0]->id == "vladimir-putin");
  CHECK(error_of(r, "Zzyzx") ==
        "unknown actor \"Zzyzx\": no entity id, name, alias or transliteration matches and nothing "
        "is close; list entities with `annosearch entities NAME`");
  CHECK(r.candidates("a", 1).size() == 1);
}

TEST_CASE("themes resolve by id or label", "[query][resolver]") {
  const auto taxonomy = annosearch::test::test_taxonomy();
  const ThemeResolver r(taxonomy);
  CHECK(r.resolve("trade").via == "id");
  const Resolution by_label = r.resolve("humanitarian CRISIS");
  CHECK(by_label.id == "humanitarian");
  CHECK(by_label.via == "label");
  try {
    (void)r.resolve("refuge");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUsage);
    CHECK(std::string(e.what()) ==
          "unknown theme \"refuge\": not a theme id or label; close: refugees");
  }
}
