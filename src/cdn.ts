// The CDN file's entry: a classic script that defines the tag and leaves no global behind.
import './define.js';
