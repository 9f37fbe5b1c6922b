/** Digital goods: licence keys and download links (store in src, port, simulator and delegate in delegates/). */
package dev.ordo.licence;
