/**
 * What every program's {@code main} shares, nodes and dht-dump alike: the operator log, the data folder's lock,
 * the {@code --check-config} option, and the runner that starts the program and stops it on SIGTERM or SIGINT.
 */
package org.swarmjvm.support.launch;
