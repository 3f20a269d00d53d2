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
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/document.h"
#include "indexer/import_reuters.h"

namespace annosearch {

// Adds aliases to the PLACES and PEOPLE entities of `registry` from the files in `dir` (missing
// files are skipped). Returns the number of aliases added.
std::size_t enrich_reuters_registry(Registry& registry, const std::filesystem::path& dir,
                                    const std::map<std::string, ReutersDescription>& descriptions);

// The English demonym of a country name by suffix rules ("" when no rule applies).
[[nodiscard]] std::string derived_demonym(const std::string& country);

}  // namespace annosearch
