/**
 * Reading circus.ini files as circusd 0.19 reads them: {@link org.circusmeta.registration.ini.CircusIni}
 * (Python's RawConfigParser rules: option names lower-cased, section names as written, no
 * interpolation, indented continuation lines) and {@link
 * org.circusmeta.registration.ini.CircusSettings}, the {@code [circus]} section with circusd's
 * defaults.
 */
package org.circusmeta.registration.ini;
