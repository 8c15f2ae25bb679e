package org.swarmjvm.node; final class Placeholder { }
