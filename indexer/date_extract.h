// Dates in running text, normalised to the corpus format's values (docs/corpus-format.md) against
// the publication date, following docs/annotation-guidelines.md section 7.
//
//   absolute   "9 December 2021", "December 9, 2021", "2021-12-09", "09.12.2021"  -> 2021-12-09
//   partial    "December 2021" -> 2021-12; "in May" -> the latest May up to publication;
//              "December 9" -> that day in the latest such month; "in 2020" -> 2020
//   relative   "last year", "this month", "yesterday", "on Monday" (the latest Monday on or before
//              the publication day), "last week" is not a calendar date and is left alone
//   parts      "early October" -> 2021-10-01..2021-10-10 (early 1-10, mid 11-20, late 21-end);
//              "early 2021" -> 2021-01..2021-04 (early, mid and late thirds of the year)
//   ranges     "from May to July", "between 2019 and 2021", "2019-2021", "9-11 December"
//
// Month and weekday names come from ICU's date symbols (wide and abbreviated, format and
// stand-alone forms) for English and the document's language, so "9 декабря 2021" is found in a
// Russian text. Spans cover the date words only (no "in", "on"). An expression that needs the
// publication date to be resolved is skipped when the document has none (or too coarse a one).
// Thread-safe after construction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/document.h"
#include "indexer/annotator_text.h"

namespace annosearch {

class DateExtractor {
 public:
  // languages: BCP 47 tags whose month and weekday names to know (English is always known).
  explicit DateExtractor(const std::vector<std::string>& languages = {"en", "ru", "tg"});

  // The date expressions of a text, in order, with source "auto" and a confidence.
  [[nodiscard]] std::vector<DateMention> extract(const std::string& text,
                                                 const std::optional<PartialDate>& published,
                                                 const std::string& language) const;
  // The same on tokens already made from the text (the annotator shares them).
  [[nodiscard]] std::vector<DateMention> extract(const std::string& text,
                                                 const std::vector<TextToken>& tokens,
                                                 const std::optional<PartialDate>& published,
                                                 const std::string& language) const;

  // The month (1-12) a folded word names in this language or English, 0 if none.
  [[nodiscard]] int month_of(const std::string& folded, const std::string& language) const;
  // The weekday (1 = Monday .. 7 = Sunday) a folded word names, 0 if none.
  [[nodiscard]] int weekday_of(const std::string& folded, const std::string& language) const;

  // Names known per primary language, for tests and documentation.
  struct Names {
    std::map<std::string, int> months;    // folded name -> 1..12
    std::map<std::string, int> weekdays;  // folded name -> 1..7 (Monday first)
    bool capitalised = false;             // names are written with a capital (English, German)
  };
  [[nodiscard]] const Names* names(const std::string& language) const;

 private:
  std::map<std::string, Names> names_;  // by primary language subtag
};

}  // namespace annosearch
