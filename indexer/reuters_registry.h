// Names for the Reuters-21578 registry from the collection's own files, so that the annotator can
// find the editors' PLACES, PEOPLE and ORGS in the text ("Soviet" for ussr, "Tokyo" for japan).
//
// - cat-descriptions_120396.txt: the headings of the people lists ("USSR (Soviet Union)",
//   "West Germany") give places their full names; people get their surname as an alias.
// - feldman-cia-worldfactbook-data.txt (Prolog facts from the 1994 CIA World Factbook): country
//   names and capitals; a capital is an alias of its country (a capital used for its government,
//   docs/annotation-guidelines.md), as are Reuters' datelines ("TOKYO, March 3 -").
// - Demonyms (the Factbook file holds none): derived from the names by English suffix rules
//   ("Kenya" -> "Kenyan", "Brazil" -> "Brazilian", "Pakistan" -> "Pakistani"), with a short table
//   of irregular ones ("Soviet", "British", "Dutch", "Japanese") and the short forms Reuters
//   writes ("U.S.", "Britain"). A derived form that is not a word never matches anything.
// - Cities (beyond the collection's files): the exemplar city of each canonical time zone in ICU's
//   CLDR data, as an alias of its country ("New York", "Chicago" for usa; "Toronto" for canada),
//   for the datelines of stories filed outside capitals; zones below a state are left out.
// - A gazetteer (beyond the collection's files; system files, read at import time when present):
//   the cities of libgweather's Locations.xml (Debian package libgweather-4-common) and the
//   top-level subdivisions of iso-codes' iso_3166-2.json (US states, Canadian provinces), each as
//   an alias of its country. Collection-independent rules keep out what would mislead: a name the
//   gazetteer gives to more than one country ("Paris": France and Texas), a name that is already a
//   name or alias of another registry entity, a name that is an ordinary lower-case English word
//   in the system word list ("Reading", "Mobile", "Independence"), and names of fewer than four
//   letters. A city is an alias of its country like a capital (docs/annotation-guidelines.md).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "indexer/import_reuters.h"

namespace annosearch {

// Where the gazetteer's system files are; an empty or missing path is skipped.
struct GazetteerFiles {
  std::filesystem::path cities = "/usr/share/libgweather-4/Locations.xml";
  std::filesystem::path subdivisions = "/usr/share/iso-codes/json/iso_3166-2.json";
  std::filesystem::path words = "/usr/share/dict/words";
};

// What the gazetteer added, for the import's report.
struct GazetteerReport {
  std::vector<std::string> used;        // the files read
  std::vector<std::string> missing;     // the files looked for and not found (or unreadable)
  std::size_t city_aliases = 0;         // aliases added from the cities file
  std::size_t subdivision_aliases = 0;  // aliases added from the subdivisions file
  std::size_t dropped_shared = 0;       // names dropped: given to more than one country
  std::size_t dropped_taken = 0;        // names dropped: a name of another registry entity
  std::size_t dropped_words = 0;        // names dropped: an ordinary English word (or too short)
  // One line for the import's output ("gazetteer: ... added N city names ...").
  [[nodiscard]] std::string summary() const;
};

// Adds aliases to the PLACES and PEOPLE entities of `registry` from the files in `dir` (missing
// files are skipped) and from the gazetteer files. Returns the number of aliases added.
std::size_t enrich_reuters_registry(Registry& registry, const std::filesystem::path& dir,
                                    const std::map<std::string, ReutersDescription>& descriptions,
                                    const GazetteerFiles& gazetteer = {},
                                    GazetteerReport* report = nullptr);

// One place name of a gazetteer with the country it lies in (the country's English name and its
// ISO 3166-1 alpha-2 code, either may be empty).
struct GazetteerName {
  std::string name;
  std::string country;
  std::string iso;
};

// The <city> names of a libgweather Locations.xml, each with its enclosing <country>'s name and
// <iso-code>. Throws nothing; a malformed file gives what could be read.
[[nodiscard]] std::vector<GazetteerName> read_gweather_cities(std::string_view xml);

// The top-level subdivisions (no "parent") of an iso-codes iso_3166-2.json, with the country's
// alpha-2 code (the code's prefix: "US-TX" -> "US"). Returns nothing for malformed JSON.
[[nodiscard]] std::vector<GazetteerName> read_iso_subdivisions(std::string_view json_text);

// The English demonym of a country name by suffix rules ("" when no rule applies).
[[nodiscard]] std::string derived_demonym(const std::string& country);

}  // namespace annosearch
