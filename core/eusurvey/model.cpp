#include "eusurvey/model.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "eusurvey/xml_text.hpp"
#include "surveycheck/rulekit/text.hpp"
#include "util/bytes.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace surveycheck::eusurvey {

namespace {

constexpr std::size_t block_size = 64;
constexpr std::size_t blocks_per_span = 64;

}  // namespace

std::string_view AnswerSet::attribute(std::string_view name) const {
    for (const auto& [key, value] : attributes) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

std::string AnswerSet::contribution_id() const {
    const std::string_view id = attribute("id");
    const std::string_view trimmed = util::trim(id);
    if (!trimmed.empty() && !rulekit::equals_ignoring_ascii_case(trimmed, "Anonymous"))
        return std::string(id);
    const std::string_view list = attribute("list");
    if (!util::trim(list).empty()) return std::string(list);
    return "#" + std::to_string(number);
}

std::string AnswerSet::xpath() const {
    std::string path;
    path.reserve(64);
    path += "/Results/Answers";
    if (block > 1) {
        path += '[';
        path += std::to_string(block);
        path += ']';
    }
    path += "/AnswerSet[";
    path += std::to_string(index);
    path += ']';
    return path;
}

SourceText::SourceText(std::string bytes) : SourceText(std::move(bytes), 0, Position{1, 1}) {}

SourceText::SourceText(std::string bytes, std::size_t origin, Position base)
    : bytes_(std::move(bytes)), origin_(std::min(origin, bytes_.size())), base_(base) {}

void SourceText::index() const {
    if (indexed_.load(std::memory_order_acquire)) {
        return;
    }
    const std::lock_guard<std::mutex> lock(index_mutex_);
    if (indexed_.load(std::memory_order_relaxed)) {
        return;
    }
    const std::string_view text = bytes_;
    const std::size_t blocks = (text.size() + block_size - 1) / block_size;
    block_code_points_.reserve(blocks);
    span_code_points_.reserve(blocks / blocks_per_span + 1);
    std::size_t code_points = 0;
    std::size_t in_span = 0;
    for (std::size_t block = 0; block < blocks; ++block) {
        if (block % blocks_per_span == 0) {
            span_code_points_.push_back(code_points);
            in_span = 0;
        }
        block_code_points_.push_back(static_cast<std::uint16_t>(in_span));
        const std::size_t counted = util::count_code_points(text.substr(block * block_size, block_size));
        code_points += counted;
        in_span += counted;
    }
    line_starts_.push_back(origin_);
    for_each_line_start(text, origin_, text.size(),
                        [&](std::size_t start) { line_starts_.push_back(start); });
    indexed_.store(true, std::memory_order_release);
}

std::size_t SourceText::code_points_before(std::size_t offset) const {
    if (block_code_points_.empty()) {
        return 0;
    }
    const std::size_t block = std::min(offset / block_size, block_code_points_.size() - 1);
    const std::size_t start = block * block_size;
    return span_code_points_[block / blocks_per_span] + block_code_points_[block] +
           util::count_code_points(std::string_view(bytes_).substr(start, offset - start));
}

std::size_t SourceText::code_points_between(std::size_t start, std::size_t offset) const {
    if (offset - start <= 2 * block_size) {
        return util::count_code_points(std::string_view(bytes_).substr(start, offset - start));
    }
    return code_points_before(offset) - code_points_before(start);
}

Position SourceText::position_of(std::size_t offset) const {
    index();
    offset = std::max(origin_, std::min(offset, bytes_.size()));
    const auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::size_t>(next_line - line_starts_.begin());
    std::size_t start = line_starts_[line - 1];
    // A byte-order mark is not a column anyone sees.
    const bool file_start = origin_ == 0 && base_.line == 1 && base_.column == 1;
    if (line == 1 && file_start && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0 && offset >= 3) {
        start = 3;
    }
    // Whole exports sit on one line, so columns are counted from checkpoints, not from the line start.
    const std::size_t first_column = line == 1 ? base_.column : 1;
    const std::size_t column = code_points_between(start, offset) + first_column;
    return Position{static_cast<std::uint32_t>(base_.line + line - 1), static_cast<std::uint32_t>(column)};
}

namespace {

// Decoded bytes between two checkpoints of a TextMap.
constexpr std::size_t map_step = 512;

// Walks the decoded text in `bytes` from `at` until `target` decoded bytes are behind it, the text ends or
// `target` falls inside an entity's expansion; `visit(at)` sees each state before its step.
template <typename Visit>
void walk_text(std::string_view bytes, TextMap::Checkpoint& at, std::size_t target, Visit&& visit) {
    while (at.decoded < target && at.raw < bytes.size()) {
        visit(static_cast<const TextMap::Checkpoint&>(at));
        const std::string_view rest = bytes.substr(at.raw);
        if (at.in_cdata) {
            if (rest.compare(0, 3, "]]>") == 0) {
                at.in_cdata = false;
                at.raw += 3;
                continue;
            }
        } else if (rest.compare(0, 9, "<![CDATA[") == 0) {
            at.in_cdata = true;
            at.raw += 9;
            continue;
        } else if (rest.front() == '<') {
            return;  // the text ends here
        } else if (rest.front() == '&') {
            const auto entity = decode_xml_entity(rest);
            if (entity.raw_length > 0) {
                if (at.decoded + entity.decoded_length > target) {
                    return;  // the target is inside this entity's expansion
                }
                at.decoded += entity.decoded_length;
                at.raw += entity.raw_length;
                continue;
            }
        }
        if (rest.compare(0, 2, "\r\n") == 0) {
            at.raw += 2;  // the parser reads CR LF as one LF
            ++at.decoded;
            continue;
        }
        // A run of bytes that stand for themselves goes by at once (a map's step at most, so the map has a
        // checkpoint in every step of a long run).
        const std::string_view ahead = rest.substr(0, std::min(target - at.decoded, map_step));
        const std::size_t run = util::find_any_byte(ahead, 1, at.in_cdata ? "]\r" : "<&\r");
        at.raw += run;
        at.decoded += run;
    }
}

}  // namespace

Position SourceText::position_in_text(std::size_t raw_offset, std::size_t decoded_offset) const {
    TextMap::Checkpoint at{std::min(raw_offset, bytes_.size()), 0, false};
    walk_text(bytes_, at, decoded_offset, [](const TextMap::Checkpoint&) {});
    return position_of(at.raw);
}

TextMap SourceText::map_text(std::size_t raw_offset) const {
    TextMap map;
    TextMap::Checkpoint at{std::min(raw_offset, bytes_.size()), 0, false};
    map.checkpoints.push_back(at);
    std::size_t next = map_step;
    walk_text(bytes_, at, npos, [&](const TextMap::Checkpoint& state) {
        if (state.decoded < next) return;
        map.checkpoints.push_back(state);
        next = state.decoded + map_step;
    });
    return map;
}

Position SourceText::position_in(const TextMap& map, std::size_t decoded_offset) const {
    if (map.checkpoints.empty()) return position_of(0);
    // The last checkpoint strictly before the offset: a walk from the start passes it on the way there.
    auto after = std::lower_bound(
        map.checkpoints.begin() + 1, map.checkpoints.end(), decoded_offset,
        [](const TextMap::Checkpoint& point, std::size_t offset) { return point.decoded < offset; });
    TextMap::Checkpoint at = *(after - 1);
    walk_text(bytes_, at, decoded_offset, [](const TextMap::Checkpoint&) {});
    return position_of(at.raw);
}

}  // namespace surveycheck::eusurvey
