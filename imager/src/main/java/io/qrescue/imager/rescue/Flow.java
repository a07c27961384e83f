package io.qrescue.imager.rescue;

/** How a read step, pass or phase ended (ddrescue's return values 0, -3, 1, -1, -2). */
enum Flow {
    /** Go on (a read step), or the phase is complete (0). */
    OK,
    /** The pass found blocks of its status: run the next pass (-3). */
    NEXT_PASS,
    /** A stop condition or a fatal error (1). */
    STOP,
    /** The interrupt flag was set (-1). */
    INTERRUPTED,
    /** The mapfile could not be saved (-2). */
    MAPFILE_ERROR
}
