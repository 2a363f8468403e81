#include "reference/net/address.h"

#include <gtest/gtest.h>

namespace wirecheck::net {
namespace {

TEST(ParseHostPort, Ipv4) {
  auto hp = parse_host_port("127.0.0.1:8080");
  ASSERT_TRUE(hp) << hp.error();
  EXPECT_EQ(hp->host, "127.0.0.1");
  EXPECT_EQ(hp->port, 8080);
  EXPECT_FALSE(hp->is_ipv6_literal);
}

TEST(ParseHostPort, BracketedIpv6) {
  auto hp = parse_host_port("[::1]:9");
  ASSERT_TRUE(hp) << hp.error();
  EXPECT_EQ(hp->host, "::1");
  EXPECT_EQ(hp->port, 9);
  EXPECT_TRUE(hp->is_ipv6_literal);
  EXPECT_EQ(hp->to_string(), "[::1]:9");
}

TEST(ParseHostPort, DefaultPortOnlyWhenGiven) {
  EXPECT_FALSE(parse_host_port("localhost"));
  auto hp = parse_host_port("localhost", 80);
  ASSERT_TRUE(hp);
  EXPECT_EQ(hp->port, 80);
}

TEST(ParseHostPort, ErrorsSayWhatIsWrong) {
  auto range = parse_host_port("localhost:70000");
  ASSERT_FALSE(range);
  EXPECT_NE(range.error().find("out of range"), std::string::npos) << range.error();
  auto nan = parse_host_port("localhost:http");
  ASSERT_FALSE(nan);
  EXPECT_NE(nan.error().find("not a number"), std::string::npos) << nan.error();
  auto bare6 = parse_host_port("::1:80");
  ASSERT_FALSE(bare6);
  EXPECT_NE(bare6.error().find("[ADDRESS]:PORT"), std::string::npos) << bare6.error();
  auto unclosed = parse_host_port("[::1:80");
  ASSERT_FALSE(unclosed);
  EXPECT_FALSE(parse_host_port(":80"));
  EXPECT_FALSE(parse_host_port("host:"));
  EXPECT_FALSE(parse_host_port(""));
}

TEST(Resolve, NumericAddressesSkipTheResolver) {
  auto v4 = resolve("127.0.0.1:81");
  ASSERT_TRUE(v4) << v4.error();
  ASSERT_EQ(v4->size(), 1u);
  EXPECT_EQ(v4->front().to_string(), "127.0.0.1:81");
  auto v6 = resolve("[::1]:82");
  ASSERT_TRUE(v6) << v6.error();
  EXPECT_EQ(v6->front().to_string(), "[::1]:82");
  EXPECT_EQ(v6->front().port(), 82);
}

TEST(Resolve, Localhost) {
  auto r = resolve("localhost:80");
  ASSERT_TRUE(r) << r.error();
  ASSERT_FALSE(r->empty());
  for (const auto& a : r.value()) EXPECT_EQ(a.port(), 80);
}

TEST(Resolve, UnknownHostIsAnError) {
  auto r = resolve("no-such-host.invalid:80");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("no-such-host.invalid"), std::string::npos) << r.error();
}

TEST(Address, NumericRejectsNames) {
  EXPECT_FALSE(Address::numeric("localhost", 1));
  auto a = Address::numeric("10.1.2.3", 4);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host(), "10.1.2.3");
  a->set_port(5);
  EXPECT_EQ(a->to_string(), "10.1.2.3:5");
}

}  // namespace
}  // namespace wirecheck::net
