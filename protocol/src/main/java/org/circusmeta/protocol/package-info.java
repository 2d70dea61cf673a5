/** circusmeta protocol. */
package org.circusmeta.protocol;
