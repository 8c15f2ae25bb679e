package org.swarmjvm.dht.node; final class Placeholder { }
