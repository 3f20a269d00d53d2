// Demonyms and gazetteer aliases for the Reuters-21578 registry; each answer written by hand.
#include "indexer/reuters_registry.h"

#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"

using namespace annosearch;
using annosearch::test::TempDir;

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

namespace {

// A small Locations.xml in libgweather's layout: a country with a state holding cities, a weather
// station (<location>, not a place name), a comment, a city directly in a country.
const char* const kLocations = R"(<?xml version="1.0" encoding="utf-8"?>
<gweather format="1.0">
  <region>
    <_name>North America</_name>
    <country>
      <!-- US - United States; <city><_name>Commentville</_name></city> -->
      <_name>United States</_name>
      <iso-code>US</iso-code>
      <fips-code>US</fips-code>
      <state>
        <_name>Texas</_name>
        <location>
          <name>Dallas Love Field</name>
          <code>KDAL</code>
        </location>
        <city>
          <!-- A city in Texas -->
          <_name>Dallas</_name>
          <coordinates>32.78 -96.80</coordinates>
        </city>
        <city>
          <_name msgctxt="City in Texas, United States">Paris</_name>
        </city>
        <city>
          <_name>Baker</_name>
        </city>
        <city>
          <_name>Ely</_name>
        </city>
        <city>
          <_name>Coeur d&apos;Alene</_name>
        </city>
      </state>
    </country>
  </region>
  <region>
    <_name>Europe</_name>
    <country>
      <_name>France</_name>
      <iso-code>FR</iso-code>
      <city>
        <_name>Paris</_name>
      </city>
    </country>
    <country>
      <_name>United Kingdom</_name>
      <iso-code>GB</iso-code>
      <city>
        <_name>Reading</_name>
      </city>
      <city>
        <_name>Leeds</_name>
      </city>
    </country>
  </region>
</gweather>
)";

// iso_3166-2.json's layout: Texas (top level), a second-level subdivision (has a parent), Kent.
const char* const kSubdivisions = R"({"3166-2": [
  {"code": "US-TX", "name": "Texas", "type": "State"},
  {"code": "GB-ENG", "name": "England", "type": "Country"},
  {"code": "GB-KEN", "name": "Kent", "type": "Two-tier county", "parent": "ENG"},
  {"code": "CA-ON", "name": "Ontario", "type": "Province"}
]})";

Registry small_registry() {
  Registry r;
  r.put(Entity{"usa", "USA", "GPE", {}, "", {}, ""});
  r.put(Entity{"uk", "UK", "GPE", {}, "", {}, ""});
  r.put(Entity{"james-baker", "James Baker", "PERSON", {}, "", {}, ""});
  return r;
}

bool has_alias(const Registry& r, const std::string& id, const std::string& alias) {
  const Entity* e = r.find(id);
  REQUIRE(e != nullptr);
  return std::find(e->aliases.begin(), e->aliases.end(), alias) != e->aliases.end();
}

}  // namespace

TEST_CASE("reuters registry: gazetteer cities from Locations.xml", "[reuters-registry]") {
  const auto names = read_gweather_cities(kLocations);
  // By hand: Dallas, Paris, Baker, Ely, Coeur d'Alene in the US; Paris in France; Reading and
  // Leeds in the UK. Not the station, not the commented-out city, not the state or region names.
  REQUIRE(names.size() == 8);
  CHECK(names[0].name == "Dallas");
  CHECK(names[0].country == "United States");
  CHECK(names[0].iso == "US");
  CHECK(names[1].name == "Paris");
  CHECK(names[4].name == "Coeur d'Alene");
  CHECK(names[5].name == "Paris");
  CHECK(names[5].country == "France");
  CHECK(names[5].iso == "FR");
  CHECK(names[7].name == "Leeds");
  CHECK(names[7].iso == "GB");
  CHECK(read_gweather_cities("<gweather><country><_name>X").empty());  // truncated: nothing
}

TEST_CASE("reuters registry: top-level subdivisions from iso_3166-2.json", "[reuters-registry]") {
  const auto names = read_iso_subdivisions(kSubdivisions);
  REQUIRE(names.size() == 3);  // Kent has a parent
  CHECK(names[0].name == "Texas");
  CHECK(names[0].iso == "US");
  CHECK(names[1].name == "England");
  CHECK(names[1].iso == "GB");
  CHECK(names[2].name == "Ontario");
  CHECK(read_iso_subdivisions("{not json").empty());
}

TEST_CASE("reuters registry: gazetteer aliases and the ambiguity drops", "[reuters-registry]") {
  TempDir tmp;
  GazetteerFiles files;
  files.cities = tmp.write("Locations.xml", kLocations);
  files.subdivisions = tmp.write("iso_3166-2.json", kSubdivisions);
  // Lower-case entries are ordinary words; "Dallas" capitalised is a proper noun, not a word.
  files.words = tmp.write("words", "Dallas\nReading\nreading\nparis\n");
  Registry r = small_registry();
  GazetteerReport report;
  enrich_reuters_registry(r, tmp.path(), {}, files, &report);

  CHECK(has_alias(r, "usa", "Dallas"));
  CHECK(has_alias(r, "usa", "Coeur d'Alene"));
  CHECK(has_alias(r, "usa", "Texas"));  // a subdivision
  CHECK(has_alias(r, "uk", "Leeds"));
  CHECK(has_alias(r, "uk", "England"));
  CHECK_FALSE(has_alias(r, "usa", "Paris"));    // France's too: more than one country
  CHECK_FALSE(has_alias(r, "usa", "Baker"));    // James Baker's surname alias: another entity's
  CHECK(has_alias(r, "james-baker", "Baker"));  // ... which it keeps
  CHECK_FALSE(has_alias(r, "usa", "Ely"));      // fewer than four letters
  CHECK_FALSE(has_alias(r, "uk", "Reading"));   // "reading" is an ordinary word
  CHECK(r.find("canada") == nullptr);           // Ontario's country is not in the registry

  CHECK(report.city_aliases == 3);         // Dallas, Coeur d'Alene, Leeds
  CHECK(report.subdivision_aliases == 2);  // Texas, England
  CHECK(report.dropped_shared == 1);       // Paris
  CHECK(report.dropped_taken == 1);        // Baker
  CHECK(report.dropped_words == 2);        // Ely, Reading
  REQUIRE(report.used.size() == 3);
  CHECK(report.missing.empty());
  const std::string summary = report.summary();
  CHECK(summary.find("3 city and 2 subdivision names") != std::string::npos);
  CHECK(summary.find(files.cities.string()) != std::string::npos);
}

TEST_CASE("reuters registry: without gazetteer files the import still works and says so",
          "[reuters-registry]") {
  TempDir tmp;
  GazetteerFiles files;
  files.cities = tmp.path() / "absent" / "Locations.xml";
  files.subdivisions = tmp.path() / "absent" / "iso_3166-2.json";
  files.words = tmp.path() / "absent" / "words";
  Registry r = small_registry();
  GazetteerReport report;
  enrich_reuters_registry(r, tmp.path(), {}, files, &report);
  CHECK(report.used.empty());
  CHECK(report.missing.size() == 2);  // the word list is looked for only with a gazetteer
  CHECK(report.city_aliases + report.subdivision_aliases == 0);
  CHECK_FALSE(has_alias(r, "usa", "Dallas"));
  CHECK(has_alias(r, "usa", "American"));  // the other sources still apply
  CHECK(report.summary().find("no gazetteer file found") != std::string::npos);

  // Without a word list the cities are still read; only the word rule is off.
  files.cities = tmp.write("Locations.xml", kLocations);
  Registry r2 = small_registry();
  GazetteerReport report2;
  enrich_reuters_registry(r2, tmp.path(), {}, files, &report2);
  CHECK(has_alias(r2, "uk", "Reading"));
  CHECK(report2.missing.size() == 2);  // subdivisions and words
}
