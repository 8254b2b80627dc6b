#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FibrePlanCLI

// The executable only hands its arguments to the command line in FibrePlanCLI, where
// tests run the parser and every subcommand in-process.
installInterruptHandlers()
exit(runCommandLine(CommandLine.arguments))
