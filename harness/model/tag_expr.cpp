#include "harness/model/tag_expr.h"

#include <algorithm>

namespace wirecheck::harness {
namespace {

bool tag_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-';
}

bool keyword(std::string_view w) { return w == "and" || w == "or" || w == "not"; }

}  // namespace

class TagExprParser {
 public:
  TagExprParser(std::string_view text, TagExpr& out) : text_(text), out_(out) {}

  bool run(TagExprError* error) {
    next();
    if (kind_ == Kind::end) return fail(error, "empty tag expression", 1);
    int root = parse_or(error);
    if (root < 0) return false;
    if (kind_ != Kind::end) {
      if (kind_ == Kind::close) return fail(error, "')' without a matching '('", start_ + 1);
      return fail(error, "expected 'and', 'or' or the end, found '" + std::string(word_) + "'",
                  start_ + 1);
    }
    out_.root_ = root;
    return true;
  }

 private:
  enum class Kind { end, word, open, close, bad };

  void next() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    start_ = pos_;
    if (pos_ >= text_.size()) {
      kind_ = Kind::end;
      word_ = {};
      return;
    }
    char c = text_[pos_];
    if (c == '(' || c == ')') {
      kind_ = c == '(' ? Kind::open : Kind::close;
      word_ = text_.substr(pos_, 1);
      ++pos_;
      return;
    }
    if (!tag_char(c)) {
      kind_ = Kind::bad;
      word_ = text_.substr(pos_, 1);
      return;
    }
    while (pos_ < text_.size() && tag_char(text_[pos_])) ++pos_;
    kind_ = Kind::word;
    word_ = text_.substr(start_, pos_ - start_);
  }

  bool fail(TagExprError* error, std::string message, size_t column) {
    if (error) *error = {std::move(message), column};
    return false;
  }

  int add(TagExpr::Node node) {
    out_.nodes_.push_back(std::move(node));
    return static_cast<int>(out_.nodes_.size() - 1);
  }

  int parse_or(TagExprError* error) {
    int lhs = parse_and(error);
    while (lhs >= 0 && kind_ == Kind::word && word_ == "or") {
      next();
      int rhs = parse_and(error, "or");
      if (rhs < 0) return -1;
      lhs = add({TagExpr::Node::Op::or_, {}, lhs, rhs});
    }
    return lhs;
  }

  int parse_and(TagExprError* error, std::string_view after = {}) {
    int lhs = parse_not(error, after);
    while (lhs >= 0 && kind_ == Kind::word && word_ == "and") {
      next();
      int rhs = parse_not(error, "and");
      if (rhs < 0) return -1;
      lhs = add({TagExpr::Node::Op::and_, {}, lhs, rhs});
    }
    return lhs;
  }

  int parse_not(TagExprError* error, std::string_view after) {
    if (kind_ == Kind::word && word_ == "not") {
      next();
      int operand = parse_not(error, "not");
      if (operand < 0) return -1;
      return add({TagExpr::Node::Op::not_, {}, operand, -1});
    }
    if (kind_ == Kind::open) {
      size_t open_at = start_;
      next();
      int inner = parse_or(error);
      if (inner < 0) return -1;
      if (kind_ != Kind::close) {
        fail(error, "'(' at column " + std::to_string(open_at + 1) + " is never closed",
             start_ + 1);
        return -1;
      }
      next();
      return inner;
    }
    if (kind_ == Kind::word && !keyword(word_)) {
      int node = add({TagExpr::Node::Op::tag, std::string(word_), -1, -1});
      next();
      return node;
    }
    std::string where = after.empty() ? std::string() : " after '" + std::string(after) + "'";
    if (kind_ == Kind::end) {
      fail(error, "expected a tag" + where + ", found the end", start_ + 1);
    } else if (kind_ == Kind::bad) {
      fail(error, "'" + std::string(word_) + "' cannot appear in a tag expression (tags hold "
                  "letters, digits and _ . : -)", start_ + 1);
    } else {
      fail(error, "expected a tag" + where + ", found '" + std::string(word_) + "'", start_ + 1);
    }
    return -1;
  }

  std::string_view text_;
  TagExpr& out_;
  size_t pos_ = 0;
  size_t start_ = 0;
  Kind kind_ = Kind::end;
  std::string_view word_;
};

std::optional<TagExpr> TagExpr::parse(std::string_view text, TagExprError* error) {
  TagExpr expr;
  expr.text_ = std::string(text);
  TagExprParser parser(text, expr);
  if (!parser.run(error)) return std::nullopt;
  return expr;
}

bool TagExpr::matches(const std::vector<std::string>& tags) const {
  return root_ >= 0 && eval(root_, tags);
}

bool TagExpr::eval(int node, const std::vector<std::string>& tags) const {
  const Node& n = nodes_[static_cast<size_t>(node)];
  switch (n.op) {
    case Node::Op::tag: return std::find(tags.begin(), tags.end(), n.tag) != tags.end();
    case Node::Op::and_: return eval(n.lhs, tags) && eval(n.rhs, tags);
    case Node::Op::or_: return eval(n.lhs, tags) || eval(n.rhs, tags);
    case Node::Op::not_: return !eval(n.lhs, tags);
  }
  return false;
}

std::vector<std::string> TagExpr::tags() const {
  std::vector<std::string> out;
  for (const auto& n : nodes_) {
    if (n.op == Node::Op::tag && std::find(out.begin(), out.end(), n.tag) == out.end()) {
      out.push_back(n.tag);
    }
  }
  return out;
}

bool valid_tag(std::string_view tag) {
  if (tag.empty() || keyword(tag)) return false;
  return std::all_of(tag.begin(), tag.end(), tag_char);
}

}  // namespace wirecheck::harness
