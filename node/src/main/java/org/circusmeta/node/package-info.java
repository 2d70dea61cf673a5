/** circusmeta node. */
package org.circusmeta.node;
