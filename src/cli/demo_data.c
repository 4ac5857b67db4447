#include "config.h"
#include "cli/demo_data.h"
