// SPDX-License-Identifier: GPL-2.0-or-later
#include "card_listing.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace jack_server::cli {

namespace {

using Json = nlohmann::ordered_json;
using detail::CardReport;

std::string quoted(const std::string& text) {
    bool blank = text.empty() || text.find_first_of(" \t\n") != std::string::npos;
    return blank ? "'" + text + "'" : text;
}

std::string or_dash(const std::optional<std::string>& text) {
    return text && !text->empty() ? quoted(*text) : "-";
}

std::string usb_text(const detail::Card& card) {
    return card.usb_vendor
               ? fmt::format("usb:{}:{}", *card.usb_vendor, card.usb_product.value_or("?"))
               : "-";
}

// The processes holding the card and the reservation's owner:
// "pulseaudio[812],reserved:PulseAudio".
std::string holders_text(const CardReport& report) {
    std::vector<std::string> each;
    for (const auto& holder : report.card.holders) {
        auto text = fmt::format("{}[{}]", holder.command, holder.pid);
        if (std::find(each.begin(), each.end(), text) == each.end()) // one per process
            each.push_back(std::move(text));
    }
    if (report.reservation)
        each.push_back("reserved:" + report.reservation->application);
    return each.empty() ? "-" : quoted(fmt::format("{}", fmt::join(each, ",")));
}

std::string capability_fields(const detail::PcmReport& pcm) {
    if (!pcm.capabilities) {
        auto why = pcm.error == "Device or resource busy" ? "busy" : quoted(pcm.error);
        return fmt::format("{0}\t{0}\t{0}\t{0}", why);
    }
    const auto& c = *pcm.capabilities;
    return fmt::format("{}..{}\t{}..{}\t{}..{}\t{}", c.channels_min, c.channels_max, c.rate_min,
                       c.rate_max, c.period_min, c.period_max, c.mmap ? "mmap" : "no-mmap");
}

Json pcm_json(const detail::PcmStream& stream, const detail::PcmReport& pcm) {
    Json json;
    json["device"] = stream.device;
    json["direction"] = stream.playback ? "playback" : "capture";
    json["id"] = stream.id;
    json["name"] = stream.name;
    json["subdevices"] = stream.subdevices;
    if (pcm.capabilities) {
        const auto& c = *pcm.capabilities;
        json["channels"] = {{"min", c.channels_min}, {"max", c.channels_max}};
        json["rates"] = {{"min", c.rate_min}, {"max", c.rate_max}};
        json["period"] = {{"min", c.period_min}, {"max", c.period_max}};
        json["mmap"] = c.mmap;
        json["error"] = nullptr;
    } else {
        json["channels"] = json["rates"] = json["period"] = json["mmap"] = nullptr;
        json["error"] = pcm.error;
    }
    return json;
}

Json optional_json(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

} // namespace

Json cards_json(const std::vector<CardReport>& cards) {
    Json list = Json::array();
    for (const auto& report : cards) {
        const auto& card = report.card;
        Json json;
        json["index"] = card.index;
        json["hw"] = card.hw();
        json["id"] = card.id;
        json["driver"] = card.driver;
        json["name"] = card.name;
        json["long_name"] = card.long_name;
        json["usb"] = card.usb_vendor ? Json{{"vendor", *card.usb_vendor},
                                             {"product", optional_json(card.usb_product)},
                                             {"serial", optional_json(card.serial)}}
                                      : Json(nullptr);
        json["sysfs_path"] = card.sysfs_path.empty() ? Json(nullptr) : Json(card.sysfs_path);
        json["by_path"] = card.by_path.empty() ? Json(nullptr) : Json(card.by_path);
        json["playback"] = card.has_playback();
        json["capture"] = card.has_capture();
        json["pcms"] = Json::array();
        for (std::size_t i = 0; i < card.pcms.size(); ++i)
            json["pcms"].push_back(pcm_json(card.pcms[i], report.pcms.at(i)));
        json["holders"] = Json::array();
        for (const auto& holder : card.holders)
            json["holders"].push_back(
                {{"pid", holder.pid}, {"command", holder.command}, {"device", holder.device}});
        json["reservation"] =
            report.reservation
                ? Json{{"application", report.reservation->application},
                       {"pid",
                        report.reservation->pid ? Json(*report.reservation->pid) : Json(nullptr)}}
                : Json(nullptr);
        list.push_back(std::move(json));
    }
    return Json{{"cards", list}};
}

bool lists_cards_only(const std::vector<std::string>& words) {
    auto list = std::find(words.begin(), words.end(), "--list");
    if (list == words.end() || std::next(list) == words.end() || *std::next(list) != "cards")
        return false;
    return std::all_of(words.begin(), words.end(), [](const std::string& word) {
        return word == "--list" || word == "cards" || word == "--json";
    });
}

void print_cards(std::ostream& out, const std::vector<CardReport>& cards, bool json) {
    if (json) {
        out << cards_json(cards).dump(2) << "\n";
        return;
    }
    for (const auto& report : cards) {
        const auto& card = report.card;
        // A card without PCM devices (a USB MIDI keyboard) still has its line.
        if (card.pcms.empty())
            fmt::print(out, "{}\t-\t{}\t{}\t{}\t{}\t{}\t-\t-\t-\t-\t{}\n", card.hw(),
                       quoted(card.id), quoted(card.name), usb_text(card), or_dash(card.serial),
                       card.by_path.empty() ? "-" : card.by_path, holders_text(report));
        for (std::size_t i = 0; i < card.pcms.size(); ++i) {
            const auto& pcm = card.pcms[i];
            fmt::print(out, "{},{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", card.hw(), pcm.device,
                       pcm.playback ? "playback" : "capture", quoted(card.id), quoted(card.name),
                       usb_text(card), or_dash(card.serial),
                       card.by_path.empty() ? "-" : card.by_path,
                       capability_fields(report.pcms.at(i)), holders_text(report));
        }
    }
}

} // namespace jack_server::cli
