// The registry by key (core/registry_store.h): lookups by id, name, alias, prefix and script on a
// real glass database, written and rewritten. Expected values are the hand-made registry below.
#include "core/registry_store.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "core/schema.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::Entity;
using annosearch::Registry;
using annosearch::RegistryView;

Registry small_registry() {
  Registry r;
  r.put({"emomali-rahmon",
         "Emomali Rahmon",
         "PERSON",
         {"Rakhmon", "Рахмон"},
         "",
         {{"head-of-state", "tajikistan"}},
         ""});
  r.put({"tajikistan", "Tajikistan", "GPE", {"Таджикистан", "Dushanbe"}, "", {}, ""});
  r.put({"dushanbe", "Dushanbe", "GPE", {"Душанбе"}, "", {{"capital-of", "tajikistan"}}, ""});
  r.put({"asian-development-bank", "Asian Development Bank", "ORG", {"ADB"}, "", {}, ""});
  r.put({"afghanistan", "Afghanistan", "GPE", {"Afghan"}, "", {}, ""});
  r.put({"afghans", "Afghans", "NORP", {"Afghan"}, "", {}, ""});
  r.put({"rahmon-tajik", "Эмомалӣ Раҳмонов", "PERSON", {}, "", {}, ""});
  return r;
}

Xapian::Database written(const annosearch::test::TempDir& dir, const Registry& r) {
  Xapian::WritableDatabase db(dir.str("db"), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  annosearch::write_registry_keys(db, r);
  db.commit();
  return Xapian::Database(dir.str("db"));
}

}  // namespace

TEST_CASE("folded and transliterated keys", "[core][registry]") {
  CHECK(annosearch::name_key("  EMOMALI   rahmon ") == "emomali rahmon");
  CHECK(annosearch::latin_key("Эмомалӣ Раҳмон") == "emomali rahmon");
  CHECK(annosearch::latin_key("Рахмон") == "rahmon");
  CHECK(annosearch::latin_key("Rahmon") == "rahmon");
}

TEST_CASE("the registry by key: id, name, alias, script, relations", "[core][registry]") {
  const annosearch::test::TempDir dir;
  const RegistryView v(written(dir, small_registry()));
  REQUIRE(v.find("emomali-rahmon") != nullptr);
  CHECK(v.find("emomali-rahmon")->name == "Emomali Rahmon");
  CHECK(v.find("emomali-rahmon")->aliases == std::vector<std::string>{"Rakhmon", "Рахмон"});
  CHECK(v.find("nobody") == nullptr);
  CHECK(v.by_name("emomali rahmon") == std::vector<std::string>{"emomali-rahmon"});
  CHECK(v.by_name("dushanbe") == std::vector<std::string>{"dushanbe"});
  CHECK(v.by_alias("dushanbe") == std::vector<std::string>{"tajikistan"});
  CHECK(v.by_alias("afghan") == std::vector<std::string>{"afghanistan", "afghans"});
  CHECK(v.by_alias("рахмон") == std::vector<std::string>{"emomali-rahmon"});
  // Transliterated keys: only where the Latin-ASCII form differs from the folded one.
  CHECK(v.by_latin("rahmon") == std::vector<std::string>{"emomali-rahmon"});
  CHECK(v.by_latin("emomali rahmonov") == std::vector<std::string>{"rahmon-tajik"});
  CHECK(v.by_latin("tadzikistan") == std::vector<std::string>{"tajikistan"});
  CHECK(v.by_latin("emomali rahmon").empty());
  CHECK(v.named_by("tajikistan") ==
        std::vector<std::pair<std::string, std::string>>{{"capital-of", "dushanbe"},
                                                         {"head-of-state", "emomali-rahmon"}});
  CHECK(v.size() == 7);
  CHECK(v.types() == std::vector<std::string>{"GPE", "NORP", "ORG", "PERSON"});
  CHECK(v.all().size() == 7);
}

TEST_CASE("prefix scans visit keys in order, bounded", "[core][registry]") {
  const annosearch::test::TempDir dir;
  const RegistryView v(written(dir, small_registry()));
  std::vector<std::string> seen;
  v.scan("asian dev", 0, [&](RegistryView::Table t, const std::string& key, const auto& ids) {
    seen.push_back(std::to_string(static_cast<int>(t)) + " " + key + " " + ids.front());
    return true;
  });
  CHECK(seen == std::vector<std::string>{"1 asian development bank asian-development-bank"});
  seen.clear();
  v.scan("af", 0, [&](RegistryView::Table, const std::string& key, const auto&) {
    seen.push_back(key);
    return true;
  });
  // ids, then names, then aliases: afghanistan afghans | afghanistan afghans | afghan
  CHECK(seen ==
        std::vector<std::string>{"afghanistan", "afghans", "afghanistan", "afghans", "afghan"});
  CHECK(v.scan("af", 2,
               [](RegistryView::Table, const std::string&, const auto&) { return true; }) == 2);
  seen.clear();
  v.scan("рах", 0, [&](RegistryView::Table, const std::string& key, const auto&) {
    seen.push_back(key);
    return true;
  });
  CHECK(seen == std::vector<std::string>{"рахмон"});
}

TEST_CASE("rewriting the registry removes the old keys, and long keys stay distinct",
          "[core][registry]") {
  const annosearch::test::TempDir dir;
  (void)written(dir, small_registry());
  Registry r;
  const std::string long_a(300, 'a');
  const std::string long_b = std::string(299, 'a') + "b";
  r.put({long_a, "First long", "ORG", {std::string(250, 'x')}, "", {}, ""});
  r.put({long_b, "Second long", "ORG", {std::string(250, 'x') + "y"}, "", {}, ""});
  const RegistryView v(written(dir, r));
  CHECK(v.find("emomali-rahmon") == nullptr);
  CHECK(v.by_alias("rakhmon").empty());
  CHECK(v.size() == 2);
  REQUIRE(v.find(long_a) != nullptr);
  REQUIRE(v.find(long_b) != nullptr);
  CHECK(v.find(long_a)->name == "First long");
  CHECK(v.find(long_b)->name == "Second long");
  // The two aliases share their cut key; each lookup returns only its own entity.
  CHECK(v.by_alias(std::string(250, 'x')) == std::vector<std::string>{long_a});
  CHECK(v.by_alias(std::string(250, 'x') + "y") == std::vector<std::string>{long_b});
}
