// Index schema helpers.
#include "core/schema.h"

#include <catch2/catch.hpp>

namespace schema = annosearch::schema;

TEST_CASE("terms follow Omega's prefix rule", "[schema]") {
  CHECK(schema::term(schema::kPrefixActor, "taliban") == "XAtaliban");
  CHECK(schema::term(schema::kPrefixActor, "Usa") == "XA:Usa");
  CHECK(schema::term(schema::kPrefixUid, "Abc") == "QAbc");
  CHECK(schema::term(schema::kPrefixActor, ":x") == "XA::x");
  CHECK(schema::term(schema::kPrefixActor, "") == "XA");
}

TEST_CASE("term values decode what term() encodes", "[schema]") {
  for (const char* v : {"taliban", "Usa", ":x", "::", "a:b", "ZZ", "", "1987"}) {
    INFO(v);
    CHECK(schema::term_value(schema::term(schema::kPrefixActor, v), schema::kPrefixActor) == v);
    CHECK(schema::term_value(schema::term(schema::kPrefixUid, v), schema::kPrefixUid) == v);
  }
  CHECK(schema::term_value("XTtrade", schema::kPrefixActor) == std::nullopt);
  CHECK(schema::term_value("X", schema::kPrefixActor) == std::nullopt);
}

TEST_CASE("unique id terms encode and decode articles and passages", "[schema]") {
  CHECK(schema::article_uid("reuters:1987/14826") == "Qreuters:1987/14826");
  CHECK(schema::passage_uid("Abc", 12) == "QAbc#12");
  CHECK(schema::doc_term("Abc") == "XDOC:Abc");
  CHECK(schema::doc_term("abc") == "XDOCabc");
  const auto a = schema::decode_uid("Qreuters:1987/14826");
  REQUIRE(a);
  CHECK(a->doc_id == "reuters:1987/14826");
  CHECK(a->passage == 0);
  const auto p = schema::decode_uid("QAbc#12");
  REQUIRE(p);
  CHECK(p->doc_id == "Abc");
  CHECK(p->passage == 12);
  for (const char* bad : {"XAtaliban", "Q", "Qa#", "Qa#0", "Qa#x1", "Qa#-1", "Q#3"}) {
    INFO(bad);
    CHECK_FALSE(schema::decode_uid(bad).has_value());
  }
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

#include "core/sha256.h"

TEST_CASE("sha256 matches the FIPS test vectors", "[schema]") {
  CHECK(annosearch::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(annosearch::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(annosearch::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(annosearch::sha256_hex(std::string(1000, 'a')).size() == 64);
}
