// Index schema helpers.
#include <catch2/catch.hpp>

#include "core/schema.h"

namespace schema = annosearch::schema;

TEST_CASE("terms follow Omega's prefix rule", "[schema]") {
  CHECK(schema::term(schema::kPrefixActor, "taliban") == "XAtaliban");
  CHECK(schema::term(schema::kPrefixActor, "Usa") == "XA:Usa");
  CHECK(schema::term(schema::kPrefixUid, "Abc") == "QAbc");
}

TEST_CASE("value-slot lists round-trip", "[schema]") {
  const std::vector<std::string> ids{"taliban", "tajikistan", "emomali-rahmon"};
  std::vector<std::string> back;
  schema::for_each_in_list(schema::encode_list(ids),
                           [&](std::string_view id) { back.emplace_back(id); });
  CHECK(back == ids);
  int n = 0;
  schema::for_each_in_list("", [&](std::string_view) { ++n; });
  CHECK(n == 0);
}
