// Article text reduction, sentences, dates and event words of core/extract.
#include <gtest/gtest.h>

#include "core/extract/article_text.h"
#include "core/extract/date_finder.h"
#include "core/extract/event_finder.h"
#include "core/model/incident_style_sheet.h"

namespace fp {
namespace {

TEST(ExtractText, HtmlIsReducedWithoutScriptsStylesOrTags) {
    const std::string html =
        "<!doctype html><html><head><title>T</title><script>alert('Zvecan riot')</script>"
        "<style>p{}</style></head><body><h1>Roadblocks&nbsp;in the north</h1>"
        "<p>Serbs set up barricades near Zubin Potok on Dec.&nbsp;10 &mdash; police said.</p>"
        "<!-- a comment --><p>Second&#32;paragraph &amp; more&#x2e;</p></body></html>";
    auto a = makeArticleText(html, "page.html");
    ASSERT_TRUE(a.ok()) << a.error().describe();
    EXPECT_EQ(a.value().format, ArticleFormat::Html);
    EXPECT_EQ(
        a.value().text,
        "Roadblocks in the north\n\nSerbs set up barricades near Zubin Potok on Dec. 10 \xE2\x80\x94 police "
        "said.\n\nSecond paragraph & more.");
}

TEST(ExtractText, MarkdownKeepsWordsAndDropsMarkup) {
    auto a = makeArticleText(
        "# Title\n\nIn **Mitrovica**, [police](http://x.org) _said_.\n\n```\ncode\n```\n", "a.md");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a.value().text, "Title\n\nIn Mitrovica, police said.");
}

TEST(ExtractText, EmptyAndBinaryInputsAreRefusedWithTheReason) {
    auto empty = makeArticleText("", "empty.txt");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().describe(), "empty.txt: is empty: there is no text to code incidents from");
    auto blank = makeArticleText(" \n\t\n", "blank.txt");
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().code, ErrorCode::EmptyLayer);
    auto nul = makeArticleText(std::string("PK\x03\x04\0\0data", 10), "a.zip");
    ASSERT_FALSE(nul.ok());
    EXPECT_EQ(nul.error().code, ErrorCode::UnsupportedFormat);
    EXPECT_NE(nul.error().describe().find("binary file"), std::string::npos);
    std::string noise;
    for (int i = 0; i < 400; ++i) noise += static_cast<char>(0x80 + (i * 7) % 64);
    auto latin = makeArticleText(noise, "noise.bin");
    ASSERT_FALSE(latin.ok());
    EXPECT_NE(latin.error().describe().find("is not text"), std::string::npos);
    auto missing = readArticleText("/nonexistent/article.txt");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().describe(), "/nonexistent/article.txt: does not exist");
}

TEST(ExtractText, AFewBadBytesBecomeReplacementCharacters) {
    auto a = makeArticleText(
        "Police in Zve\xe8"
        "an said.\r\nMore.",
        "a.txt");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a.value().text,
              "Police in Zve\xEF\xBF\xBD"
              "an said.\nMore.");
}

TEST(ExtractText, SentencesDoNotEndAtAbbreviationsOrInitials) {
    const std::string t =
        "Serbs Blocked Roads\n\nA U.S. delegation arrived on Dec. 10 in Pristina. Gen. Smith said so! "
        "\"It is over.\" Then 3.5 km away, police left.";
    const TextUnits u = splitText(t);
    ASSERT_EQ(u.sentences.size(), 5u);
    auto sentence = [&](size_t i) { return t.substr(u.sentences[i].span.begin, u.sentences[i].span.size()); };
    EXPECT_EQ(sentence(0), "Serbs Blocked Roads");
    EXPECT_EQ(sentence(1), "A U.S. delegation arrived on Dec. 10 in Pristina.");
    EXPECT_EQ(sentence(2), "Gen. Smith said so!");
    EXPECT_EQ(sentence(3), "\"It is over.\"");
    EXPECT_EQ(u.sentences[0].paragraph, 0u);
    EXPECT_EQ(u.sentences[1].paragraph, 1u);
}

struct DateCase {
    const char* text;
    const char* published;
    bool future;
    const char* first;
    const char* last;
    TimePrecision precision;
};

DayNumber day(const char* iso) {
    auto t = parseTime(iso);
    EXPECT_TRUE(t.ok()) << iso;
    return t.ok() ? daysSinceEpoch(t.value().time) : 0;
}

TEST(ExtractDates, AbsoluteRelativeAndSpansGetTheirDaysAndPrecision) {
    // 2023-01-08 is a Sunday, 2023-01-11 a Wednesday, 2023-01-09 a Monday.
    const DateCase cases[] = {
        {"on Dec. 10 police", "2023-01-08", false, "2022-12-10", "2022-12-10", TimePrecision::Day},
        {"on 10 December police", "2023-01-08", false, "2022-12-10", "2022-12-10", TimePrecision::Day},
        {"on December 10, 2021 police", "2023-01-08", false, "2021-12-10", "2021-12-10", TimePrecision::Day},
        {"on the 10th of December", "2023-01-08", false, "2022-12-10", "2022-12-10", TimePrecision::Day},
        {"on 2022-12-10 police", "2023-01-08", false, "2022-12-10", "2022-12-10", TimePrecision::Day},
        {"on Saturday police", "2023-01-08", false, "2023-01-07", "2023-01-07", TimePrecision::Day},
        {"said on Sunday", "2023-01-08", false, "2023-01-08", "2023-01-08", TimePrecision::Day},
        {"will meet on Monday", "2023-01-08", true, "2023-01-09", "2023-01-09", TimePrecision::Day},
        {"last Sunday", "2023-01-08", false, "2023-01-01", "2023-01-01", TimePrecision::Day},
        {"yesterday", "2023-01-08", false, "2023-01-07", "2023-01-07", TimePrecision::Day},
        {"last week", "2023-01-08", false, "2023-01-02", "2023-01-08", TimePrecision::Week},
        {"last week", "2023-01-11", false, "2023-01-02", "2023-01-08", TimePrecision::Week},
        {"next week", "2023-01-08", true, "2023-01-09", "2023-01-15", TimePrecision::Week},
        {"over the weekend", "2023-01-09", false, "2023-01-07", "2023-01-08", TimePrecision::Day},
        {"in mid-December", "2023-01-08", false, "2022-12-11", "2022-12-20", TimePrecision::Day},
        {"in late December", "2023-01-08", false, "2022-12-21", "2022-12-31", TimePrecision::Day},
        {"since Dec. 10", "2023-01-08", false, "2022-12-10", "2023-01-08", TimePrecision::Day},
        {"from Dec. 10 to Dec. 12", "2023-01-08", false, "2022-12-10", "2022-12-12", TimePrecision::Day},
        {"between 10 and 12 December", "2023-01-08", false, "2022-12-10", "2022-12-12", TimePrecision::Day},
        {"in December", "2023-01-08", false, "2022-12-01", "2022-12-31", TimePrecision::Month},
        {"in December 2021", "2023-01-08", false, "2021-12-01", "2021-12-31", TimePrecision::Month},
        {"last month", "2023-01-08", false, "2022-12-01", "2022-12-31", TimePrecision::Month},
        {"earlier this month", "2023-01-11", false, "2023-01-01", "2023-01-10", TimePrecision::Day},
        {"three days ago", "2023-01-08", false, "2023-01-05", "2023-01-05", TimePrecision::Day},
        {"in 1999", "2023-01-08", false, "1999-01-01", "1999-12-31", TimePrecision::Year},
    };
    for (const DateCase& c : cases) {
        const TextUnits u = splitText(c.text);
        const auto found = findDates(u, 0, u.tokens.size(), {day(c.published), c.future});
        ASSERT_EQ(found.size(), 1u) << c.text;
        EXPECT_EQ(formatDay(found[0].first), c.first) << c.text << " published " << c.published;
        EXPECT_EQ(formatDay(found[0].last), c.last) << c.text << " published " << c.published;
        EXPECT_EQ(found[0].precision, c.precision) << c.text;
    }
}

TEST(ExtractDates, SpansCoverTheWordsAndMayAsAVerbIsNoDate) {
    const std::string t = "Talks may resume. May 3 is a holiday; police said since Dec. 10 nothing moved.";
    const TextUnits u = splitText(t);
    const auto found = findDates(u, 0, u.tokens.size(), {day("2023-01-08"), false});
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(t.substr(found[0].span.begin, found[0].span.size()), "May 3");
    EXPECT_EQ(t.substr(found[1].span.begin, found[1].span.size()), "since Dec. 10");
}

TEST(ExtractEvents, PhrasesMapToStyleSheetCategories) {
    struct Case {
        const char* text;
        const char* category;
        const char* words;
    };
    const Case cases[] = {
        {"Serbs set up barricades on the road", "Roadblock / Protest", "barricades"},
        {"trucks blocked the main road", "Roadblock / Protest", "blocked the main road"},
        {"a soldier shot and wounded two men", "Armed violence", "shot and wounded"},
        {"gunmen opened fire on a patrol", "Armed violence", "opened fire"},
        {"the man was arrested later", "Arrest", "arrested"},
        {"thousands took to the streets", "Protests", "took to the streets"},
        {"the army raised its combat readiness", "Strategic developments", "combat readiness"},
        {"Belgrade demanded the return of troops", "Political statement / Demand", "demanded"},
        {"a delegation will visit Pristina", "Diplomacy", "visit"},
        {"they threw stones at police", "Riots", "threw stones"},
        {"a hand grenade exploded", "Explosions/Remote violence", "grenade"},
    };
    for (const Case& c : cases) {
        const std::string t = c.text;
        const TextUnits u = splitText(t);
        const auto found = findEvents(u, 0, u.tokens.size());
        ASSERT_EQ(found.size(), 1u) << c.text;
        EXPECT_EQ(found[0].category, c.category) << c.text;
        EXPECT_EQ(t.substr(found[0].span.begin, found[0].span.size()), c.words) << c.text;
    }
    const TextUnits none =
        splitText("The gunmen barricaded themselves inside; he was moved to house arrest.");
    EXPECT_TRUE(findEvents(none, 0, none.tokens.size()).empty());
}

TEST(ExtractEvents, EveryCategoryIsOneOfTheShippedStyleSheet) {
    auto sheet = IncidentStyleSheet::loadFile(IncidentStyleSheet::findShippedPath());
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    for (std::string_view c : eventCategories()) {
        const int at = sheet.value().find(c);
        ASSERT_GE(at, 0) << c;
        EXPECT_EQ(sheet.value().categories()[static_cast<size_t>(at)].name, c);
    }
}

TEST(ExtractEvents, FutureWordingIsRecognised) {
    for (const char* t :
         {"A delegation is set to visit", "He will travel", "They plan to meet", "It is due to open"}) {
        const TextUnits u = splitText(t);
        EXPECT_TRUE(speaksOfFuture(u, 0, u.tokens.size())) << t;
    }
    const TextUnits past = splitText("Police said the visit was cancelled");
    EXPECT_FALSE(speaksOfFuture(past, 0, past.tokens.size()));
}

}  // namespace
}  // namespace fp
