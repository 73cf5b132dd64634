// Entry point of the `bsg` binary.
#include "app/cli.h"

int main(int argc, char** argv) { return bsg::app::RunCli(argc, argv); }
