/** circusmeta registration. */
package org.circusmeta.registration;
