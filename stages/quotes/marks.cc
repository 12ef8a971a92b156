#include "stages/quotes/marks.h"

#include <algorithm>
#include <cstring>

#include "pipeline/utf8.h"

namespace hustings {

namespace {

struct Paragraph {
  Span span;
  int first_block = -1, last_block = -1;
};

struct Mark {
  uint32_t pos = 0;
  bool can_open = false, can_close = false;
  bool strong = true;  // a closing mark after punctuation (single quotes: not a plural possessive)
};

constexpr int kBoundary = -1;

bool space_like(int c) { return c == kBoundary || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool alnum(int c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool sentence_punct(int c) { return c >= 0 && c < 0x80 && std::strchr(".,!?;", c) != nullptr && c != 0; }

std::vector<Paragraph> paragraphs(const Document& doc) {
  std::vector<Paragraph> out;
  bool open = false;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (block.kind != BlockKind::body && block.kind != BlockKind::caption) {
      open = false;
      continue;
    }
    if (open && !block.paragraph_start) {
      out.back().span.end = block.span.end;
      out.back().last_block = static_cast<int>(b);
    } else {
      out.push_back({block.span, static_cast<int>(b), static_cast<int>(b)});
    }
    open = true;
  }
  return out;
}

char32_t glyph(const Document& doc, uint32_t pos) {
  const std::string_view s = doc.surface(Span{pos, pos + 1});
  if (s.empty()) return 0;
  int len = 0;
  return decode_utf8(s, 0, &len);
}

// The marks of one kind in a paragraph, outside the masked spans (sorted, disjoint).
std::vector<Mark> marks_of(const Document& doc, const Paragraph& para, char kind, const std::vector<Span>& mask) {
  const std::string_view view = doc.view();
  std::vector<Mark> out;
  auto masked = mask.begin();
  for (uint32_t pos = para.span.begin; pos < para.span.end; ++pos) {
    const void* hit = std::memchr(view.data() + pos, kind, para.span.end - pos);
    if (hit == nullptr) break;
    pos = static_cast<uint32_t>(static_cast<const char*>(hit) - view.data());
    while (masked != mask.end() && masked->end <= pos) ++masked;
    if (masked != mask.end() && masked->begin <= pos) continue;
    const int prev = pos > para.span.begin ? static_cast<unsigned char>(view[pos - 1]) : kBoundary;
    const int next = pos + 1 < para.span.end ? static_cast<unsigned char>(view[pos + 1]) : kBoundary;
    const bool ctx_close = !space_like(prev) && !alnum(next);
    if (space_like(prev) && space_like(next)) continue;  // a stray mark between spaces
    const char32_t cp = glyph(doc, pos);
    Mark m{pos};
    if (kind == '"') {
      const bool ctx_open = !space_like(next) && !alnum(prev) && !sentence_punct(prev);
      const bool left = cp == U'\u201C' || cp == U'\u201E' || cp == U'\u00AB';
      const bool right = cp == U'\u201D' || cp == U'\u00BB';
      if (left) {
        m.can_close = ctx_close && !ctx_open;
        m.can_open = !m.can_close;
      } else if (right) {
        m.can_open = ctx_open && !ctx_close;
        m.can_close = !m.can_open;
      } else {
        m.can_open = ctx_open;
        m.can_close = ctx_close;
      }
    } else {
      if (alnum(prev) && alnum(next)) continue;  // an apostrophe: don't, People's
      const bool ctx_open = (space_like(prev) || (prev < 0x80 && std::strchr("([{-/", prev) && prev != 0)) &&
                            !space_like(next) && (alnum(next) || next == '(' || next == '[' || next == '.');
      if (cp == U'\u2018' || cp == U'\u201A' || cp == U'\u201B') {
        m.can_close = ctx_close && !ctx_open;
        m.can_open = !m.can_close && !space_like(next);
      } else if (cp == U'\u2019') {
        m.can_close = ctx_close;  // a right mark never opens: '90s, 'cause
      } else {
        m.can_open = ctx_open;
        m.can_close = ctx_close;
      }
      m.strong = !alnum(prev);
    }
    if (m.can_open || m.can_close) out.push_back(m);
  }
  return out;
}

Span trimmed(std::string_view view, uint32_t begin, uint32_t end) {
  while (begin < end && space_like(static_cast<unsigned char>(view[begin]))) ++begin;
  while (end > begin && space_like(static_cast<unsigned char>(view[end - 1]))) --end;
  return {begin, end};
}

void scan(const Document& doc, const std::vector<Paragraph>& paras, char kind, const std::vector<Span>& mask,
          MarkScan& out) {
  const std::string_view view = doc.view();
  std::vector<std::vector<Mark>> marks(paras.size());
  for (size_t i = 0; i < paras.size(); ++i) marks[i] = marks_of(doc, paras[i], kind, mask);

  bool inside = false;
  QuotedSpan cur;
  uint32_t content_begin = 0;
  const auto start = [&](const Mark& m, int block) {
    cur = QuotedSpan{};
    cur.open = m.pos;
    cur.first_block = block;
    cur.mark = kind;
    content_begin = m.pos + 1;
    inside = true;
  };
  const auto add_part = [&](uint32_t end) {
    const Span part = trimmed(view, content_begin, end);
    if (!part.empty()) cur.parts.push_back(part);
  };

  for (size_t i = 0; i < paras.size(); ++i) {
    const auto& ms = marks[i];
    const int block = doc.block_at(paras[i].span.begin);
    size_t k = 0;
    if (inside) {  // a continued quote: the paragraph's first mark re-opens it
      content_begin = ms[0].pos + 1;
      k = 1;
    }
    // strong_after[j]: a strong closing mark follows j before the next opening mark.
    std::vector<char> strong_after(ms.size(), 0);
    bool seen = false;
    for (size_t j = ms.size(); j-- > 0;) {
      strong_after[j] = seen;
      if (ms[j].can_open && !ms[j].can_close) seen = false;
      if (ms[j].can_close && ms[j].strong) seen = true;
    }
    for (; k < ms.size(); ++k) {
      const Mark& m = ms[k];
      if (!inside) {
        if (m.can_open) start(m, block);
        continue;
      }
      if (m.can_close && (m.strong || !strong_after[k])) {
        add_part(m.pos);
        cur.close = m.pos;
        cur.last_block = doc.block_at(m.pos);
        if (!cur.parts.empty()) out.quotes.push_back(std::move(cur));
        inside = false;
      } else if (m.can_open && !m.can_close) {
        out.unclosed.push_back(cur.open);  // a new quote opens before this one closed
        start(m, block);
      }
    }
    if (!inside) continue;
    const bool continues = i + 1 < paras.size() && paras[i + 1].first_block == paras[i].last_block + 1 &&
                           !marks[i + 1].empty() && marks[i + 1][0].pos == paras[i + 1].span.begin &&
                           marks[i + 1][0].can_open;
    if (continues) {
      add_part(paras[i].span.end);
    } else {
      out.unclosed.push_back(cur.open);
      inside = false;
    }
  }
}

}  // namespace

MarkScan find_quoted_spans(const Document& doc) {
  MarkScan out;
  const auto paras = paragraphs(doc);
  scan(doc, paras, '"', {}, out);
  std::vector<Span> mask;
  for (const auto& q : out.quotes) mask.push_back({q.open, q.close + 1});
  const size_t doubles = out.quotes.size();
  scan(doc, paras, '\'', mask, out);
  if (out.quotes.size() > doubles) {
    std::sort(out.quotes.begin(), out.quotes.end(),
              [](const QuotedSpan& a, const QuotedSpan& b) { return a.open < b.open; });
    // A quote inside a quote (‘He called it “nonsense”,’ she said) is part of the outer one.
    std::vector<QuotedSpan> outer;
    for (auto& q : out.quotes)
      if (outer.empty() || q.open > outer.back().close) outer.push_back(std::move(q));
    out.quotes = std::move(outer);
  }
  std::sort(out.unclosed.begin(), out.unclosed.end());
  return out;
}

}  // namespace hustings
