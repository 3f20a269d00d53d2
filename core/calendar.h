// Calendar blocks: how the index encodes dates as terms (XP publication dates, XW mentioned dates),
// the one place both the indexer (which blocks a date gets) and the query side (which blocks
// cover a range) take them from.
//
// A block is a whole year "2021", a whole month "2021-11" or a day "2021-11-28".
//
// The indexer gives a date or range the blocks that wholly contain it (enclosing_blocks); a query
// range becomes its canonical cover (calendar_cover): the shortest sequence of maximal blocks
// (whole years, then whole months, then single days) that tile it exactly, so 2021-11-15..2022-02
// is 2021-11-15 ... 2021-11-30, 2021-12, 2022-01, 2022-02. A unit with the term of any block of a
// range's cover has a date that lies inside the range (a mention of a whole month matches a query
// for that month or a wider one, not for one day).
#pragma once

#include <string>
#include <vector>

#include "core/date.h"

namespace annosearch {

// The block of a year (month 0) , a month (day 0) or a day: "2021", "2021-11", "2021-11-28".
[[nodiscard]] std::string calendar_block(int year, int month = 0, int day = 0);

// The calendar blocks that contain the whole of r, coarsest first, as "2021", "2021-11",
// "2021-11-28". A range within one month gives year and month; one that spans years gives none.
[[nodiscard]] std::vector<std::string> enclosing_blocks(const DateRange& r);

// The canonical cover of a range, in calendar order: "2021", "2021-12", "2021-11-15".
[[nodiscard]] std::vector<std::string> calendar_cover(const DateRange& range);

}  // namespace annosearch
