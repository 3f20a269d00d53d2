// The table of ids a build has read (indexer/id_table.h): each id is found again with the place it
// was first seen, whatever its length, across the table's growth, as a hash map would find it.
#include "indexer/id_table.h"

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>

#include <catch2/catch.hpp>

namespace {

using annosearch::IdTable;

TEST_CASE("id table: a new id is added, a repeated one gives where it was first seen") {
  IdTable t;
  CHECK_FALSE(t.insert("doc-1", {0, 3}).has_value());
  CHECK_FALSE(t.insert("doc-2", {1, 7}).has_value());
  const auto again = t.insert("doc-1", {2, 9});
  REQUIRE(again.has_value());
  CHECK(again->file == 0);
  CHECK(again->line == 3);
  // The repeat did not replace the first place.
  const auto third = t.insert("doc-1", {4, 11});
  REQUIRE(third.has_value());
  CHECK(third->file == 0);
  CHECK(third->line == 3);
  CHECK(t.size() == 2);
}

TEST_CASE("id table: ids that share a prefix, the empty id and bytes beyond ASCII stay apart") {
  IdTable t;
  const std::string ids[] = {"", "a", "ab", "abc", std::string("a\0b", 3), "Душанбе", "اطلاعات"};
  std::uint64_t line = 1;
  for (const auto& id : ids) CHECK_FALSE(t.insert(id, {0, line++}).has_value());
  line = 1;
  for (const auto& id : ids) {
    const auto first = t.insert(id, {1, 100});
    REQUIRE(first.has_value());
    CHECK(first->line == line++);
  }
  CHECK(t.size() == 7);
}

TEST_CASE("id table: an id longer than a block is kept whole") {
  IdTable t;
  const std::string huge(3 << 20, 'x');
  CHECK_FALSE(t.insert("short", {0, 1}).has_value());
  CHECK_FALSE(t.insert(huge, {0, 2}).has_value());
  CHECK_FALSE(t.insert(huge.substr(1), {0, 3}).has_value());
  CHECK_FALSE(t.insert("after", {0, 4}).has_value());
  CHECK(t.insert(huge, {5, 5}).value().line == 2);
  CHECK(t.insert(huge.substr(1), {5, 5}).value().line == 3);
  CHECK(t.insert("short", {5, 5}).value().line == 1);
  CHECK(t.insert("after", {5, 5}).value().line == 4);
}

TEST_CASE("id table: agrees with a hash map over 200,000 random ids with repeats") {
  // Ids of 1 to 60 characters from a small alphabet, so that many repeat; the table grows
  // through many sizes and fills several blocks.
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> length(1, 60);
  std::uniform_int_distribution<int> letter(0, 3);
  std::unordered_map<std::string, IdTable::Where> oracle;
  IdTable t;
  std::size_t repeats = 0;
  for (std::uint64_t i = 0; i < 200000; ++i) {
    std::string id(static_cast<std::size_t>(length(rng) % (i % 7 == 0 ? 8 : 60) + 1), 'a');
    for (auto& c : id) c = static_cast<char>('a' + letter(rng));
    const IdTable::Where here{static_cast<std::uint32_t>(i % 5), i};
    const auto [it, added] = oracle.try_emplace(id, here);
    const auto first = t.insert(id, here);
    REQUIRE(first.has_value() == !added);
    if (first) {
      ++repeats;
      REQUIRE(first->file == it->second.file);
      REQUIRE(first->line == it->second.line);
    }
  }
  CHECK(t.size() == oracle.size());
  CHECK(repeats > 1000);
}

}  // namespace
