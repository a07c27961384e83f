/**
 * The {@code qrescue} command line: one picocli class per subcommand. Only this package prints; the engine
 * reports through return values, exceptions and listeners. Exit codes follow ddrescue: 0 ok, 1 bad option
 * or environment, 2 corrupt input, 3 internal error.
 */
package io.qrescue.recovery.cli;
