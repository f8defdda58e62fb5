#pragma once

// The one place render code gets OpenGL from: libepoxy resolves entry points for GLX and EGL contexts alike.
#include <epoxy/gl.h>
