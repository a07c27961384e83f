/** Test fakes and generators shared by the mapfile tests: a manual clock and seeded random maps. */
package io.qrescue.mapfile.testing;
