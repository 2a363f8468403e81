#pragma once
// Boolean expressions over a case's tags, for --tag and profiles:
//   smuggling                 smuggling and not slow            a or (b and not c)
// Grammar (case-sensitive words; `not` binds tightest, then `and`, then `or`):
//   expr := term ("or" term)* ; term := factor ("and" factor)* ;
//   factor := "not" factor | "(" expr ")" | TAG ; TAG := [A-Za-z0-9_.:-]+ other than and/or/not
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wirecheck::harness {

struct TagExprError {
  std::string message;  // "expected a tag after 'and'"
  size_t column = 0;    // 1-based position in the expression
};

class TagExpr {
 public:
  static std::optional<TagExpr> parse(std::string_view text, TagExprError* error = nullptr);

  bool matches(const std::vector<std::string>& tags) const;
  const std::string& text() const { return text_; }
  // The tags the expression mentions (to warn about tags no case carries).
  std::vector<std::string> tags() const;

 private:
  struct Node {
    enum class Op : unsigned char { tag, and_, or_, not_ };
    Op op = Op::tag;
    std::string tag;
    int lhs = -1;
    int rhs = -1;
  };
  friend class TagExprParser;

  bool eval(int node, const std::vector<std::string>& tags) const;

  std::vector<Node> nodes_;
  int root_ = -1;
  std::string text_;
};

// Tag names in case files follow the TAG rule and are not and/or/not.
bool valid_tag(std::string_view tag);

}  // namespace wirecheck::harness
