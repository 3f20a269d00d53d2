// Turning a date range into the calendar blocks the index has terms for (XW..., XP...).
//
// The canonical cover of an inclusive day range is the shortest sequence of maximal calendar
// blocks (whole years, then whole months, then single days) that tile it exactly:
// 2021-11-15..2022-02 is 2021-11-15 ... 2021-11-30, 2021-12, 2022-01, 2022-02. `--when` matches a
// unit that has the term of any block of the cover; since the indexer gives a mentioned date the
// terms of the blocks that contain it, this finds exactly the mentions that lie inside the range
// (a mention of a whole month matches a query for that month or a wider one, not for one day).
#pragma once

#include <string>
#include <vector>

#include "core/date.h"

namespace annosearch {

// The blocks, in calendar order: "2021", "2021-12", "2021-11-15".
[[nodiscard]] std::vector<std::string> calendar_cover(const DateRange& range);

// True when the date or range `value` (as stored: "2021-12-09", "2021-10-01..2021-10-10") lies
// within `range` (containment of intervals). False when `value` does not parse.
[[nodiscard]] bool date_within(const std::string& value, const DateRange& range);

}  // namespace annosearch
