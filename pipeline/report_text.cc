// report: escaping and the highlighted article text (see report.h).
#include <algorithm>
#include <cstdio>

#include "pipeline/report.h"
#include "pipeline/utf8.h"

namespace hustings {

std::string fixed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

bool is_type(const nlohmann::json& r, const char* type) {
  const auto it = r.find("type");
  return it != r.end() && it->is_string() && it->get_ref<const std::string&>() == type;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': case '\n': case '\r': out += c; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          out += "\xEF\xBF\xBD";  // U+FFFD: control characters are not valid HTML text
        else
          out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json& value) {
  const std::string dumped = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(dumped.size());
  for (const char c : dumped) {
    // Only inside strings: these escapes keep "</script>" and "<!--" out of the block.
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::vector<size_t> code_point_offsets(std::string_view text) {
  std::vector<size_t> offsets;
  offsets.reserve(text.size() + 1);
  size_t i = 0;
  while (i < text.size()) {
    offsets.push_back(i);
    int len = 1;
    decode_utf8(text, i, &len);
    i += static_cast<size_t>(std::max(len, 1));
  }
  offsets.push_back(text.size());
  return offsets;
}

namespace {

int type_rank(const std::string& type) {
  // Outermost first when two mentions share their span.
  static const std::vector<std::string> order = {"quote", "party", "person", "place", "date"};
  const auto it = std::find(order.begin(), order.end(), type);
  return static_cast<int>(it - order.begin());
}

struct Placed {
  size_t begin, end;  // bytes
  const Mention* m;
  int k = -1;  // index of its first fragment in `order`
};

std::string open_tag(const Placed& p, bool continuation) {
  const Mention& m = *p.m;
  std::string tag = "<b ";
  if (continuation) {
    tag += (m.missed ? "data-cm=" : "data-c=") + m.type + " data-k=" + std::to_string(p.k);
  } else {
    tag += (m.missed ? "data-miss=" : "data-type=") + m.type;
    if (m.wrong) tag += " data-wrong";
    if (m.extra) tag += " data-extra";
    if (!m.who.empty()) tag += " data-who=\"" + html_escape(m.who) + '"';
  }
  return tag + '>';
}

}  // namespace

std::string highlight(std::string_view text, std::vector<Mention> mentions, std::vector<int>& order,
                      int& invalid) {
  const std::vector<size_t> cp = code_point_offsets(text);
  const auto n = static_cast<int64_t>(cp.size() - 1);
  std::vector<Placed> placed;
  for (const Mention& m : mentions) {
    if (m.begin < 0 || m.end > n || m.begin >= m.end) {
      ++invalid;
      continue;
    }
    placed.push_back({cp[static_cast<size_t>(m.begin)], cp[static_cast<size_t>(m.end)], &m});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    if (a.m->missed != b.m->missed) return !a.m->missed;
    return type_rank(a.m->type) < type_rank(b.m->type);
  });
  std::vector<size_t> points;
  for (const Placed& p : placed) {
    points.push_back(p.begin);
    points.push_back(p.end);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  std::string out;
  out.reserve(text.size() + placed.size() * 32);
  std::vector<Placed*> stack;
  size_t next = 0, pos = 0;
  for (const size_t p : points) {
    out += html_escape(text.substr(pos, p - pos));
    pos = p;
    // Close every mention ending here; the ones above it that go on are reopened.
    size_t lowest = stack.size();
    for (size_t i = 0; i < stack.size(); ++i)
      if (stack[i]->end == p) {
        lowest = i;
        break;
      }
    if (lowest < stack.size()) {
      std::vector<Placed*> reopen;
      while (stack.size() > lowest) {
        out += "</b>";
        if (stack.back()->end != p) reopen.push_back(stack.back());
        stack.pop_back();
      }
      for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) {
        out += open_tag(**it, true);
        stack.push_back(*it);
      }
    }
    for (; next < placed.size() && placed[next].begin == p; ++next) {
      Placed& m = placed[next];
      m.k = static_cast<int>(order.size());
      order.push_back(m.m->tip);
      out += open_tag(m, false);
      stack.push_back(&m);
    }
  }
  out += html_escape(text.substr(pos));
  return out;
}

}  // namespace hustings
