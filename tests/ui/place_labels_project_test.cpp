// Changing the place labels (layers panel, "Places" row) is a change to the project: they are saved with it.
#include <gtest/gtest.h>

#include "app/session/session.h"

namespace fp {
namespace {

TEST(ProjectChanges, PlaceLabelsAreAProjectChange) {
    PlaceLabelStyle style;
    style.script = PlaceLabelScript::Latin;
    EXPECT_TRUE(changesProject(Command{SetPlaceLabels{style}}));
}

}  // namespace
}  // namespace fp
