#include "reference/client/url.h"

#include <gtest/gtest.h>

namespace wirecheck::client {
namespace {

TEST(Url, HostPortAndPath) {
  auto u = parse_url("http://127.0.0.1:8080/a/b?c=d");
  ASSERT_TRUE(u) << u.error();
  EXPECT_EQ(u->where.host, "127.0.0.1");
  EXPECT_EQ(u->where.port, 8080);
  EXPECT_EQ(u->target, "/a/b?c=d");
  EXPECT_EQ(u->host_field(), "127.0.0.1:8080");
}

TEST(Url, DefaultPortAndPath) {
  auto u = parse_url("http://localhost");
  ASSERT_TRUE(u) << u.error();
  EXPECT_EQ(u->where.port, 80);
  EXPECT_EQ(u->target, "/");
  EXPECT_EQ(u->host_field(), "localhost");
}

TEST(Url, QueryWithoutPath) {
  auto u = parse_url("http://h:1?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->target, "/?x=1");
}

TEST(Url, FragmentIsNotSent) {
  auto u = parse_url("http://h:1/p#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->target, "/p");
}

TEST(Url, Ipv6Literal) {
  auto u = parse_url("http://[::1]:9000/x");
  ASSERT_TRUE(u) << u.error();
  EXPECT_EQ(u->where.host, "::1");
  EXPECT_EQ(u->host_field(), "[::1]:9000");
  EXPECT_EQ(u->where.to_string(), "[::1]:9000");
}

TEST(Url, Errors) {
  EXPECT_FALSE(parse_url("https://h/"));
  EXPECT_NE(parse_url("https://h/").error().find("http://"), std::string::npos);
  EXPECT_FALSE(parse_url("http:///path"));
  EXPECT_FALSE(parse_url("http://user@h/"));
  EXPECT_FALSE(parse_url("http://h:99999/"));
  EXPECT_FALSE(parse_url("h:80"));
}

TEST(Url, LooksLikeUrl) {
  EXPECT_TRUE(looks_like_url("http://x"));
  EXPECT_FALSE(looks_like_url("127.0.0.1:80"));
}

}  // namespace
}  // namespace wirecheck::client
