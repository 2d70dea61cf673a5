/** circusmeta manager. */
package org.circusmeta.manager;
